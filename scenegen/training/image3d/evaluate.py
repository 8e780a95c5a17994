"""Scoring the image-to-3D model on the held-out split, beside two baselines measured in the same run.

Shape metrics compare occupancy grids in the canonical normalised box (the unit cube, every object scaled per axis to
fill it; see ``scenegen.training.image3d.data``), i.e. with the true pose and size applied to every method:

* volumetric IoU of the G³ occupancy grids (prediction thresholded at p > 0.5);
* Chamfer distance: the mean of the two directed mean nearest-neighbour distances between the surface-cell centres
  of the two grids (L2, in unit-box units: 1 = the box side);
* F-score@5 %: harmonic mean of precision and recall of the surface points at a threshold τ = 0.05 of the unit box
  side (about 1.6 cells at G = 32), as in Tatarchenko et al., "What do single-view 3D reconstruction networks learn?"
  (CVPR 2019).

Pose metrics: symmetry-aware yaw error (the smallest angle to any of the shape's n rotational equivalents, n = 1, 2
or 4 from the ground-truth grid's self-similarity, ``data.symmetry_order``: a square table has four right answers),
pitch error, size error (mean over W, D, H of |pred / true − 1|) and translation error (metres, and relative to the
object's distance).

Baselines: **mean shape**: the category's mean training occupancy, thresholded at the level that maximises its mean
IoU on the training shapes, at the true pose; **NN retrieval**: the training view whose image features (the trained
encoder's latent, cosine similarity) are nearest, its shape and yaw taken as the answer.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import torch

if TYPE_CHECKING:
    import trimesh

    from scenegen.assets.image3d.model import Image3DModel
    from scenegen.training.image3d.batches import Batches

F_TAU = 0.05
"""F-score threshold, in unit-box sides."""


# --------------------------------------------------------------------------------------------------------------------
# Metrics
# --------------------------------------------------------------------------------------------------------------------


def iou(a: np.ndarray, b: np.ndarray) -> float:
    """Volumetric IoU of two bool grids of the same shape (1.0 when both are empty)."""
    a, b = np.asarray(a, dtype=bool), np.asarray(b, dtype=bool)
    union = np.count_nonzero(a | b)
    return float(np.count_nonzero(a & b) / union) if union else 1.0


def surface_points(occ: np.ndarray) -> np.ndarray:
    """(N, 3) centres, in the unit box [−0.5, 0.5]³, of the occupied cells of ``occ`` (G, G, G) bool that have an
    empty 6-neighbour (outside the grid counts as empty)."""
    occ = np.asarray(occ, dtype=bool)
    g = occ.shape[0]
    p = np.pad(occ, 1)
    inner = p[2:, 1:-1, 1:-1] & p[:-2, 1:-1, 1:-1] & p[1:-1, 2:, 1:-1] & p[1:-1, :-2, 1:-1] & p[1:-1, 1:-1, 2:] & \
        p[1:-1, 1:-1, :-2]
    idx = np.argwhere(occ & ~inner)
    return (idx + 0.5) / g - 0.5


def chamfer_fscore(a: np.ndarray, b: np.ndarray, tau: float = F_TAU) -> tuple[float, float]:
    """(Chamfer distance, F-score@tau) between point sets a (N, 3) and b (M, 3) in unit-box units. Chamfer is the
    mean of the two directed mean nearest distances. An empty set gives (1.0, 0.0) unless both are empty (0, 1)."""
    from scipy.spatial import cKDTree

    if len(a) == 0 or len(b) == 0:
        return (0.0, 1.0) if len(a) == len(b) == 0 else (1.0, 0.0)
    d_ab = cKDTree(b).query(a)[0]
    d_ba = cKDTree(a).query(b)[0]
    precision = float(np.mean(d_ab < tau))
    recall = float(np.mean(d_ba < tau))
    f = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return float(0.5 * (d_ab.mean() + d_ba.mean())), f


def shape_scores(pred: np.ndarray, gt: np.ndarray) -> dict[str, float]:
    """IoU, Chamfer and F-score@5 % of two bool grids (see the module docstring)."""
    ch, f = chamfer_fscore(surface_points(pred), surface_points(gt))
    return {"iou": iou(pred, gt), "chamfer": ch, "fscore": f}


def yaw_error(pred: float | np.ndarray, gt: float | np.ndarray, order: int | np.ndarray = 1) -> np.ndarray:
    """Symmetry-aware yaw error in radians, in [0, π/order]: the smallest angle between ``pred`` and any of
    ``gt + 2πk/order``."""
    order = np.maximum(np.asarray(order), 1)
    period = 2 * np.pi / order
    d = np.mod(np.asarray(pred) - np.asarray(gt), period)
    return np.minimum(d, period - d)


# --------------------------------------------------------------------------------------------------------------------
# The evaluation run
# --------------------------------------------------------------------------------------------------------------------


@torch.no_grad()
def _run(model: "Image3DModel", batches: "Batches", chunk: int = 128) -> dict[str, np.ndarray]:
    from scenegen.assets.image3d.infer import decode_pose

    keep: dict[str, list] = {k: [] for k in ("occ", "latent", "cat", "yaw", "pitch", "size", "translation")}
    dev = next(model.parameters()).device
    for a in range(0, len(batches), chunk):
        idx = torch.arange(a, min(a + chunk, len(batches)))
        x, geom, box = batches.inputs(idx, model.cfg.image)
        out = model(x.to(dev), geom.to(dev))
        pose = decode_pose(out, box, batches.K[idx])
        keep["occ"].append((out["occ_logits"] > 0).cpu().numpy())
        keep["latent"].append(torch.nn.functional.normalize(out["latent"], dim=1).cpu().numpy())
        keep["cat"].append(out["cat_logits"].argmax(1).cpu().numpy())
        for k in ("yaw", "pitch", "size", "translation"):
            keep[k].append(pose[k])
    return {k: np.concatenate(v) for k, v in keep.items()}


@torch.no_grad()
def _latents(model: "Image3DModel", batches: "Batches", chunk: int = 256) -> np.ndarray:
    dev = next(model.parameters()).device
    out = []
    for a in range(0, len(batches), chunk):
        idx = torch.arange(a, min(a + chunk, len(batches)))
        x, _, _ = batches.inputs(idx, model.cfg.image)
        out.append(torch.nn.functional.normalize(model.encoder(x.to(dev)), dim=1).cpu().numpy())
    return np.concatenate(out)


def mean_shapes(occ: np.ndarray, cat: np.ndarray, n_cat: int) -> list[np.ndarray]:
    """Per category, the mean training occupancy thresholded at the level in {0.2, 0.3, …, 0.8} with the best mean
    IoU against that category's training shapes (bool grids; an all-empty grid for a category with no shapes)."""
    out = []
    for c in range(n_cat):
        shapes = occ[cat == c]
        if len(shapes) == 0:
            out.append(np.zeros(occ.shape[1:], dtype=bool))
            continue
        mean = shapes.mean(axis=0)
        sample = shapes[:: max(1, len(shapes) // 100)]
        best = max(np.arange(0.2, 0.81, 0.1), key=lambda t: np.mean([iou(mean > t, s) for s in sample]))
        out.append(mean > best)
    return out


def _summary(rows: list[dict[str, float]]) -> dict[str, float]:
    keys = rows[0].keys()
    return {k: float(np.mean([r[k] for r in rows])) for k in keys}


def evaluate(model: "Image3DModel", train: dict[str, np.ndarray], held: dict[str, np.ndarray],
             picture: Path | None = None, log: Callable[[str], None] = print, timing_samples: int = 20) -> dict:
    """Score ``model`` on the held-out dataset ``held`` beside the mean-shape and NN-retrieval baselines built from
    ``train``; optionally write the picture grid of 8 held-out reconstructions. Returns a JSON-ready dict:
    ``categories`` (per category: model / mean_shape / nn_retrieval shape scores, yaw medians, ``beats_mean_shape``),
    ``overall``, ``pose``, ``timing``, ``acceptance``, ``definitions``."""
    from scenegen.assets.image3d.frames import wrap_angle
    from scenegen.training.image3d.batches import Batches

    model.eval()
    t0 = time.perf_counter()
    cats = [str(c) for c in held["categories"]]
    hb = Batches(held, torch.device("cpu"))
    tb = Batches(train, torch.device("cpu"))
    pred = _run(model, hb)
    train_lat = _latents(model, tb)
    nn_idx = np.argmax(pred["latent"] @ train_lat.T, axis=1)
    means = mean_shapes(train["occ"], train["cat"], len(cats))
    log(f"evaluating {len(hb)} held-out views; features of {len(tb)} training views in "
        f"{time.perf_counter() - t0:.0f} s")
    shape_of = held["shape"]
    per: dict[str, dict[str, list]] = {c: {"model": [], "mean_shape": [], "nn_retrieval": [], "yaw": [], "nn_yaw": [],
                                           "pose": []} for c in cats}
    for i in range(len(hb)):
        s = shape_of[i]
        c = cats[int(held["cat"][s])]
        gt = held["occ"][s]
        sym = int(held["sym"][s])
        per[c]["model"].append(shape_scores(pred["occ"][i], gt))
        per[c]["mean_shape"].append(shape_scores(means[int(held["cat"][s])], gt))
        j = nn_idx[i]
        per[c]["nn_retrieval"].append(shape_scores(train["occ"][train["shape"][j]], gt))
        per[c]["yaw"].append(float(yaw_error(pred["yaw"][i], held["yaw"][i], sym)))
        per[c]["nn_yaw"].append(float(yaw_error(train["yaw"][j], held["yaw"][i], sym)))
        t_gt = held["trans"][i]
        per[c]["pose"].append({
            "pitch_err_deg": math.degrees(abs(float(wrap_angle(pred["pitch"][i] - held["pitch"][i])))),
            "size_rel_err": float(np.mean(np.abs(pred["size"][i] / held["size"][s] - 1))),
            "trans_err_m": float(np.linalg.norm(pred["translation"][i] - t_gt)),
            "trans_rel_err": float(np.linalg.norm(pred["translation"][i] - t_gt) / np.linalg.norm(t_gt)),
            "category_correct": float(pred["cat"][i] == held["cat"][s])})
    result: dict = {"categories": {}, "definitions": __doc__.split("\n\n", 1)[1].strip()}
    all_rows: dict[str, list] = {"model": [], "mean_shape": [], "nn_retrieval": [], "yaw": [], "nn_yaw": [],
                                 "pose": []}
    for c in cats:
        r = per[c]
        if not r["model"]:
            continue
        entry = {k: _summary(r[k]) for k in ("model", "mean_shape", "nn_retrieval")}
        entry["model"]["yaw_median_deg"] = math.degrees(float(np.median(r["yaw"])))
        entry["nn_retrieval"]["yaw_median_deg"] = math.degrees(float(np.median(r["nn_yaw"])))
        entry["pose"] = _summary(r["pose"])
        entry["views"] = len(r["model"])
        entry["beats_mean_shape"] = bool(entry["model"]["iou"] > entry["mean_shape"]["iou"]
                                         and entry["model"]["fscore"] > entry["mean_shape"]["fscore"])
        result["categories"][c] = entry
        for k in all_rows:
            all_rows[k] += r[k]
    overall = {k: _summary(all_rows[k]) for k in ("model", "mean_shape", "nn_retrieval")}
    yaw = np.degrees(np.asarray(all_rows["yaw"]))
    overall["model"].update(yaw_median_deg=float(np.median(yaw)), yaw_within_15deg=float(np.mean(yaw < 15)),
                            yaw_within_30deg=float(np.mean(yaw < 30)))
    overall["nn_retrieval"]["yaw_median_deg"] = float(np.median(np.degrees(all_rows["nn_yaw"])))
    overall["pose"] = _summary(all_rows["pose"])
    overall["pose"]["trans_err_m_median"] = float(np.median([p["trans_err_m"] for p in all_rows["pose"]]))
    result["overall"] = overall
    result["timing"] = time_inference(model, held, timing_samples)
    result["acceptance"] = {
        "beats_mean_shape_iou_and_fscore_in_every_category": all(e["beats_mean_shape"]
                                                                  for e in result["categories"].values()),
        "yaw_median_under_15deg": overall["model"]["yaw_median_deg"] < 15.0,
        "inference_under_1s": result["timing"]["seconds_per_object_median"] < 1.0}
    result["views"] = len(hb)
    result["seconds"] = round(time.perf_counter() - t0, 1)
    if picture is not None:
        write_picture(model, held, picture)
        result["picture"] = str(picture)
    return result


def time_inference(model: "Image3DModel", held: dict[str, np.ndarray], n: int = 20) -> dict[str, float]:
    """Median and max wall time of ``infer.predict`` (crop, network, marching cubes, colours) over ``n`` held-out
    views, batch 1, on the current torch thread count."""
    from scenegen.assets.image3d.infer import predict

    times = []
    for i in range(min(n, len(held["rgb"]))):
        f, cx, cy = (float(v) for v in held["K"][i])
        t = time.perf_counter()
        predict(model, held["rgb"][i], held["mask"][i], K=(f, cx, cy))
        times.append(time.perf_counter() - t)
    return {"seconds_per_object_median": float(np.median(times)), "seconds_per_object_max": float(np.max(times)),
            "objects_timed": len(times), "torch_threads": torch.get_num_threads()}


def picture_rows(held: dict[str, np.ndarray], n: int = 8) -> list[int]:
    """Held-out view indices for the picture: the first view of each category in turn, until ``n``."""
    cat_of_view = held["cat"][held["shape"]]
    rows: list[int] = []
    k = 0
    while len(rows) < n and k < len(cat_of_view):
        for c in range(len(held["categories"])):
            hits = np.flatnonzero(cat_of_view == c)
            if k < len(hits) and len(rows) < n:
                rows.append(int(hits[k]))
        k += 1
    return rows


def write_picture(model: "Image3DModel", held: dict[str, np.ndarray], path: Path, n: int = 8, cell: int = 128
                  ) -> None:
    """A PNG grid, one held-out view per row: the input crop, the prediction and the ground truth, both rendered
    through the input view's camera (the prediction at its predicted pose, the truth at the true pose)."""
    from PIL import Image, ImageDraw

    from scenegen.assets.image3d.infer import mesh_from_grid, predict
    from scenegen.assets.image3d.images import EVAL_MARGIN, mask_box
    from scenegen.render.camera import Camera
    from scenegen.render.raycast import render

    rows = []
    for i in picture_rows(held, n):
        s = int(held["shape"][i])
        f, cx, cy = (float(v) for v in held["K"][i])
        rgb = held["rgb"][i]
        rec = predict(model, rgb, held["mask"][i], K=(f, cx, cy))
        res = rgb.shape[0]
        cam = Camera(width=res, height=res, fx=f, fy=f, cx=cx, cy=cy, cam_to_world=held["c2w"][i])
        pred = rec.camera_mesh()
        pred.apply_transform(held["c2w"][i])
        pred.visual.face_colors = _face_colours(rec.mesh)
        size = tuple(float(v) for v in held["size"][s])
        gt_occ = held["occ"][s].astype(np.float32)
        gt = mesh_from_grid(gt_occ, held["col"][s].astype(np.float32) / 255.0, size)
        gt.visual.face_colors = _face_colours(gt)  # the truth sits at the world origin with yaw 0 (data.py)
        bg = (0.95, 0.95, 0.95)
        img_p = render([("pred", pred)], cam, background=bg).rgb
        img_g = render([("gt", gt)], cam, background=bg).rgb
        c_u, c_v, side = mask_box(held["mask"][i], EVAL_MARGIN * 1.1)
        pad = int(side)  # crops may reach past the image: pad with the edge colours first
        box = (c_u - side / 2 + pad, c_v - side / 2 + pad, c_u + side / 2 + pad, c_v + side / 2 + pad)
        tiles = [Image.fromarray(np.pad(a, ((pad, pad), (pad, pad), (0, 0)), mode="edge")).crop(box)
                 .resize((cell, cell), Image.BILINEAR) for a in (rgb, img_p, img_g)]
        row = Image.new("RGB", (3 * cell, cell + 14), "white")
        for k, t in enumerate(tiles):
            row.paste(t, (k * cell, 14))
        name = str(held["categories"][held["cat"][s]])
        ImageDraw.Draw(row).text((2, 1), f"{name}: input | prediction | ground truth   IoU "
                                         f"{iou(rec.occupancy > 0.5, held['occ'][s]):.2f}", fill=(0, 0, 0))
        rows.append(row)
    grid = Image.new("RGB", (3 * cell * 2, (cell + 14) * ((len(rows) + 1) // 2)), "white")
    for k, r in enumerate(rows):
        grid.paste(r, ((k % 2) * 3 * cell, (k // 2) * (cell + 14)))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.stem + ".tmp.png")
    grid.save(tmp)
    tmp.replace(path)


def _face_colours(mesh: "trimesh.Trimesh") -> np.ndarray:
    """(F, 4) uint8 face colours averaged from the mesh's vertex colours (the renderer reads face colours)."""
    vc = np.asarray(mesh.visual.vertex_colors, dtype=np.float64)
    fc = vc[np.asarray(mesh.faces)].mean(axis=1)
    return np.round(fc).astype(np.uint8)
