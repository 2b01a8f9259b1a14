"""``bench/steering.py --scale``: the volume it asks for (the bench itself is not a test)."""

from types import SimpleNamespace

import pytest

from bench.steering import apply_scale


@pytest.mark.parametrize(
    ("scale", "agents", "lines_per_report", "months"),
    [(1, 10_000, 22, 24), (10, 100_000, 140, 38)],
)
def test_scale_multiplies_agents_and_lines(scale, agents, lines_per_report, months):
    args = SimpleNamespace(agents=10_000, months=24, lines_per_report=22, scale=scale)

    apply_scale(args, pairs=140)

    assert (args.agents, args.lines_per_report, args.months) == (agents, lines_per_report, months)
    # Lines per maison: at least `scale` times today's, less than a whole month more.
    assert 24 * 22 * scale <= args.months * args.lines_per_report < (24 * 22 * scale) + 140
