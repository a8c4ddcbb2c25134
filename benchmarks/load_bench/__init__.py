"""The parts of benchmarks/load.py: the seeded database (database) and the concurrent clients with their
scenarios (clients)."""
