"""What both reference checkers share: running the binary, and the comparison they report with: every number from the binary against its
exact value (relative error, absolute where |exact| < `zero`), the worst as a fraction of its
tolerance, and the failures. Imported by check_analyze.py and check_mixture.py."""
import json
import subprocess
import tempfile

import mpmath as mp


def run_analyze(binary, model, flags, timeout=None):
    """Runs `binary analyze --format json` on `model` (written to a temporary file) with each
    (flag, values) repeated in order; returns the completed process."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(model, handle)
        path = handle.name
    arguments = [binary, "analyze", "--model", path, "--format", "json"]
    for flag, values in flags:
        for value in values:
            arguments += [flag, repr(value) if isinstance(value, float) else str(value)]
    return subprocess.run(arguments, capture_output=True, text=True, timeout=timeout)


class Comparison:
    def __init__(self, zero=mp.mpf("1e-12")):
        self.zero = zero
        self.worst = 0.0
        self.where = ""
        self.count = 0
        self.failures = []

    def number(self, label, got, exact, tolerance):
        self.count += 1
        if exact is not None and abs(exact) > mp.mpf("1.7976931348623157e308"):
            exact = None  # overflows a double: the contract prints null
        if exact is None or mp.isinf(exact):
            ok = got is None
            error = 0.0 if ok else float("inf")
        elif got is None:
            ok, error = False, float("inf")
        else:
            exact = mp.mpf(exact)
            difference = abs(mp.mpf(got) - exact)
            relative = abs(exact) >= self.zero and exact != 0
            error = float(difference / abs(exact)) if relative else float(difference)
            ok = error <= tolerance
        scaled = error / tolerance
        if scaled > self.worst:
            self.worst = scaled
            self.where = (f"{label}: got {got}, exact {mp.nstr(exact, 17) if exact is not None else None}"
                          f" (error {error:.3e}, tolerance {tolerance:g})")
        if not ok:
            self.failures.append(f"{label}: got {got}, exact {mp.nstr(exact, 20) if exact is not None else None}"
                                 f" (error {error:.3e} > {tolerance:g})")

    def keys(self, label, row, keys):
        missing = [k for k in keys if k not in row]
        if missing:
            self.failures.append(f"{label}: row {sorted(row)} lacks {missing}")
            return False
        return True
