"""
Helpers that several test modules share (not test modules themselves):
``worked`` checks hand-worked examples on the packaged schedules,
``hand_made`` holds small hand-made schedules, and ``invariant_support``
the strategies of the property tests. Import them as
``from tests.helpers.worked import Worked, check``.
"""
