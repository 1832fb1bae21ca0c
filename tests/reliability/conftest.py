"""The `slow` marker: tests that start processes or write thousands of rows (still in the default run)."""


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: starts processes or writes thousands of rows (runs by default)")
