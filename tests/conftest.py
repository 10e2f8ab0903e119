"""
Hypothesis profiles: ``dev`` (the default: quick, with a generous deadline)
and ``ci`` (more examples, no deadline, since CI machines are slow and
noisy). ``CI`` in the environment picks ``ci``; ``HYPOTHESIS_PROFILE``
names one explicitly.
"""

import os
from datetime import timedelta

from hypothesis import HealthCheck, settings

settings.register_profile(
    "dev",
    max_examples=60,
    deadline=timedelta(seconds=2),
    # Schedules are big composite values: drawing them is slow by design.
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "ci",
    max_examples=300,
    deadline=None,
    print_blob=True,
    # Same reason as in "dev".
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))
