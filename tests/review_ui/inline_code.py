"""What in a page the Content-Security-Policy would block: inline scripts, event handlers, style
attributes and javascript: URLs. Read by parsing the HTML, not by searching its text."""

from __future__ import annotations

from html.parser import HTMLParser

DATA_SCRIPTS = {"application/json"}  # data blocks: the browser never runs them
URL_ATTRIBUTES = {"href", "src", "action", "formaction"}


class InlineCode(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.scripts: list[str] = []  # the src of each external script
        self._in_inline_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name == "style":
                self.found.append(f'<{tag} style="{value}">')
            if name in URL_ATTRIBUTES and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")
        if tag == "style":
            self.found.append("<style> element")
        if tag == "script":
            if named.get("src"):
                self.scripts.append(str(named["src"]))
            elif (named.get("type") or "").lower() not in DATA_SCRIPTS:
                self._in_inline_script = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_inline_script:
            self.found.append("inline <script>")
            self._in_inline_script = False


def inline_code(html: str) -> InlineCode:
    parser = InlineCode()
    parser.feed(html)
    parser.close()
    return parser
