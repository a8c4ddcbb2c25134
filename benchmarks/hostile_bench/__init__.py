"""The parts of benchmarks/hostile.py: the hostile inputs, the system under test, memory sampling."""
