"""Optional extras in tests: skip without them locally, fail without them in CI."""

from __future__ import annotations

import importlib
import os
from typing import Any

import pytest


def import_extra(module: str, extra: str) -> Any:
    """``module`` from an optional extra; skips the calling test module without it, or fails
    when ``EDITIONS_REQUIRE_EXTRAS`` names the extra (as ``.ci/run`` does)."""
    try:
        return importlib.import_module(module)
    except ImportError:
        reason = (
            f"the {extra} extra is not installed (pip install 'editions[{extra}]', "
            f"or make test EXTRAS={extra})"
        )
        if extra in os.environ.get("EDITIONS_REQUIRE_EXTRAS", "").split(","):
            pytest.fail(f"{reason}; EDITIONS_REQUIRE_EXTRAS requires it", pytrace=False)
        pytest.skip(reason, allow_module_level=True)
