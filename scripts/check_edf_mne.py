#!/usr/bin/python3
"""Open an EDF/EDF+/BDF+ file with MNE and print what MNE sees, as JSON; exit non-zero if anything is off.

Usage:
    /usr/bin/python3 scripts/check_edf_mne.py FILE [--expect-channels N] [--expect-sfreq HZ]
        [--expect-annotations N] [--expect-duration S]

Needs Debian's MNE (``apt-get update && apt-get install -y python3-mne``). The file is read with
``mne.io.read_raw_edf`` (``read_raw_bdf`` for .bdf) and ``infer_types=True``, so ``EEG AF3`` becomes channel
``AF3`` of type eeg and ``MISC Q0`` channel ``Q0`` of type misc.

Printed JSON: mne_version, file, ch_names, ch_types, sfreq, n_times, duration_s, meas_date, highpass, lowpass,
annotations [{onset, duration, description}], warnings, problems.

Exit codes: 0 all good; 1 something is off (listed in "problems", also on stderr); 2 MNE could not read the file.
"Off" means: any warning MNE raised while reading, no channel, a non-positive sfreq or no sample, a non-finite
sample, an annotation outside the data, or a mismatch with an --expect-* option.
"""
import argparse
import json
import math
import sys
import warnings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--expect-channels", type=int, help="number of data channels (annotations excluded)")
    parser.add_argument("--expect-sfreq", type=float, help="sampling rate MNE reports (Hz)")
    parser.add_argument("--expect-annotations", type=int, help="number of annotations")
    parser.add_argument("--expect-duration", type=float, help="duration in seconds (n_times / sfreq)")
    args = parser.parse_args()

    import mne  # imported here so that --help works without MNE
    import numpy as np

    reader = mne.io.read_raw_bdf if args.file.lower().endswith(".bdf") else mne.io.read_raw_edf
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            raw = reader(args.file, infer_types=True, preload=True, verbose="error")
        except Exception as e:  # noqa: BLE001 - any failure to read is the answer
            print(json.dumps({"file": args.file, "error": f"{type(e).__name__}: {e}"}, indent=2))
            print(f"MNE could not read {args.file}: {e}", file=sys.stderr)
            return 2
    data = raw.get_data()
    sfreq = float(raw.info["sfreq"])
    duration = raw.n_times / sfreq if sfreq > 0 else 0.0
    annotations = [
        {"onset": round(float(a["onset"]), 6), "duration": round(float(a["duration"]), 6), "description": a["description"]}
        for a in raw.annotations
    ]
    out = {
        "mne_version": mne.__version__,
        "file": args.file,
        "ch_names": raw.ch_names,
        "ch_types": raw.get_channel_types(),
        "sfreq": sfreq,
        "n_times": int(raw.n_times),
        "duration_s": duration,
        "meas_date": None if raw.info["meas_date"] is None else raw.info["meas_date"].isoformat(),
        "highpass": raw.info["highpass"],
        "lowpass": raw.info["lowpass"],
        "annotations": annotations,
        "warnings": [str(w.message) for w in caught],
    }

    problems = [f"MNE warned: {w}" for w in out["warnings"]]
    if not raw.ch_names:
        problems.append("no channel")
    if not sfreq > 0 or raw.n_times == 0:
        problems.append(f"sfreq {sfreq} with {raw.n_times} samples")
    if data.size and not np.isfinite(data).all():
        problems.append("non-finite samples")
    for a in annotations:
        if not (0 <= a["onset"] <= duration and a["onset"] + a["duration"] <= duration + 1e-6):
            problems.append(f"annotation {a['description']!r} at {a['onset']}+{a['duration']} s is outside 0..{duration} s")
        if not math.isfinite(a["onset"]):
            problems.append(f"annotation {a['description']!r} has onset {a['onset']}")
    if args.expect_channels is not None and len(raw.ch_names) != args.expect_channels:
        problems.append(f"{len(raw.ch_names)} channels, expected {args.expect_channels}")
    if args.expect_sfreq is not None and abs(sfreq - args.expect_sfreq) > 1e-9:
        problems.append(f"sfreq {sfreq}, expected {args.expect_sfreq}")
    if args.expect_annotations is not None and len(annotations) != args.expect_annotations:
        problems.append(f"{len(annotations)} annotations, expected {args.expect_annotations}")
    if args.expect_duration is not None and abs(duration - args.expect_duration) > 1e-6:
        problems.append(f"duration {duration} s, expected {args.expect_duration} s")
    out["problems"] = problems

    print(json.dumps(out, indent=2))
    for p in problems:
        print(f"check_edf_mne: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
