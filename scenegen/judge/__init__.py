"""The vision judge: renders of a scene scored per object (category, colour, visibility) and per scene.

``judge_scene(scene, judge="bundled")`` returns a ``SceneVerdict`` (``scenegen.judge.schema``). Backends (``bundled``,
``openai``, ``hf``, plug-ins from the ``scenegen.judges`` entry-point group) live in ``JUDGES``. Importing this package
imports no torch; the bundled judge loads it when it is first built.
"""

from scenegen.judge.core import DEFAULT_JUDGE, JUDGES, get_judge, judge_scene
from scenegen.judge.schema import CategoryCount, ObjectAssessment, ObjectVerdict, SceneAssessment, SceneVerdict

__all__ = ["DEFAULT_JUDGE", "JUDGES", "CategoryCount", "ObjectAssessment", "ObjectVerdict", "SceneAssessment",
           "SceneVerdict", "get_judge", "judge_scene"]
