"""Bounds of the integer path and query parameters the routes share.

An integer past what the database stores (2^63 and over) used to reach a query and end in a 500; with
these bounds FastAPI answers 422 naming the parameter, before any route runs. The limits are far above
anything real (the longest ledger has a few hundred pages) and far below 2^63.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

MAX_PAGE = 10_000  # pages of one document
MAX_INDEX = 100_000  # a page's blocks and lines, a ledger's rows
MAX_OFFSET = 1_000_000_000  # rows skipped in a listing

PageNumber = Annotated[int, Path(ge=1, le=MAX_PAGE, description="the page's number, from 1")]
BlockIndex = Annotated[int, Path(ge=0, le=MAX_INDEX)]
LineIndex = Annotated[int, Path(ge=0, le=MAX_INDEX)]
RowNumber = Annotated[int, Path(ge=1, le=MAX_INDEX, description="the ledger row's number, from 1")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
