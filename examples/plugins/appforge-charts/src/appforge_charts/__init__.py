"""appforge-charts: chart components for appforge (see the ``appforge.components`` entry
points in pyproject.toml)."""
