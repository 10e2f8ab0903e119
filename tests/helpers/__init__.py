"""
Helpers that several test modules share (not test modules themselves):
``worked`` checks hand-worked examples on the packaged schedules,
``hand_made`` holds small hand-made schedules, ``layers`` the layer table
and the import graph (also drawn by ``scripts/draw_imports.py``), and ``invariant_support``
the strategies of the property tests. Import them as
``from tests.helpers.worked import Worked, check``.
"""
