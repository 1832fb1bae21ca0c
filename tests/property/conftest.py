"""Hypothesis settings for the property tests: bounded examples and deadlines, so the suite stays short."""

from hypothesis import HealthCheck, settings

settings.register_profile("verify", max_examples=40, deadline=3000, derandomize=True,
                          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
settings.load_profile("verify")
