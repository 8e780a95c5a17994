"""What ``make --sim`` adds to a scene folder: scene.json with its moving parts recorded, scene.xml (MJCF),
urdf/ (scene.sdf, room.urdf, objects/*.urdf, meshes/), and the ``sim_stability`` findings in sim_report.json."""

from __future__ import annotations

from pathlib import Path

from scenegen.scene import Report, Scene
from scenegen.scene_files import dump_json, save_scene, write_atomic


def write_sim_outputs(scene: Scene, out_dir: str | Path) -> tuple[dict[str, Path], Report]:
    """Write the files named in the module doc into ``out_dir`` and return them (name -> path) with the MuJoCo
    check's report. Needs ``mujoco`` (the check) and ``pybullet``-free exports only; scene.usda already carries
    physics (``scenegen.export.usd_physics``)."""
    from scenegen.assets.image3d.photos import bundle_photos
    from scenegen.export.mjcf import write_mjcf
    from scenegen.export.urdf import write_urdf
    from scenegen.physics.articulation import articulate
    from scenegen.physics.model import sim_scene
    from validators import validate

    out = Path(out_dir)
    scene = articulate(scene)
    save_scene(bundle_photos(scene, out), out / "scene.json")
    sim = sim_scene(scene)
    paths = {"scene.json": out / "scene.json", "scene.xml": write_mjcf(sim, out / "scene.xml"),
             "urdf/": write_urdf(sim, out / "urdf").scene_sdf.parent}
    report = validate(scene, only=["sim_stability"])
    write_atomic(out / "sim_report.json", dump_json(report))
    paths["sim_report.json"] = out / "sim_report.json"
    return paths, report
