"""Every kind of chart in a real browser, on one page of their own (no server: the charts need
no database): axe-core finds no violation, each SVG is drawn, and the keyboard reaches the
drill-down links in the tables, once each, never inside the images."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import CHROMIUM_ARGS
from test_accessibility import AXE_OPTIONS, format_violations

pytestmark = pytest.mark.e2e


def charts_page() -> str:
    from django.template import Context, Template
    from django.utils import translation

    from portal.charts import (
        Bar,
        BarChart,
        DepartmentMap,
        DistributionChart,
        DistributionRow,
        LineChart,
        Series,
        quantiles,
    )

    months = [f"{2025 + i // 12}-{i % 12 + 1:02}" for i in range(24)]
    charts = [
        BarChart(
            "Maisons par partenaire",
            "Nombre de maisons où le partenaire est présent ou tient une permanence.",
            [Bar("Caisse d’allocations familiales", 2400, "/p/caf/"), Bar("MSA", 1200)],
            "Partenaire",
            "Maisons",
        ),
        LineChart(
            "Visites par mois",
            "Visites déclarées sur 24 mois.",
            months,
            [Series("Visites", [900 + 10 * i for i in range(24)]), Series("Appels", [None] * 24)],
            "Mois",
        ),
        DistributionChart(
            "Visites par maison",
            "Médiane et déciles des visites hebdomadaires.",
            [
                DistributionRow("Occitanie", quantiles(range(10, 120)), "/r/76/"),
                DistributionRow("Bretagne", quantiles([])),
            ],
            "Région",
        ),
        DepartmentMap(
            "Maisons conformes",
            "Part des maisons qui respectent le minimum du label.",
            {"34": 83, "30": 40, "971": 100},
            "Part conforme",
            "%",
            hrefs={"34": "/d/34/"},
        ),
    ]
    with translation.override("fr"):
        body = Template("{% load charts %}{% chart a %}{% chart b %}{% chart c %}{% chart d %}")
        figures = body.render(Context(dict(zip("abcd", charts, strict=True))))
    return (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Graphiques</title>'
        f"</head><body><main><h1>Graphiques</h1>{figures}</main></body></html>"
    )


def test_charts_have_no_axe_violation_and_their_links_are_in_the_tables(chromium_executable):
    from playwright.sync_api import sync_playwright

    html = charts_page()  # before Playwright's event loop runs
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable, args=CHROMIUM_ARGS
        )
        try:
            page = browser.new_page()
            page.route("**/*", lambda route: route.abort())
            page.set_content(html)
            violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
            assert not violations, format_violations("charts", violations)
            sizes = page.eval_on_selector_all(
                "svg", "svgs => svgs.map(s => s.getBoundingClientRect().height)"
            )
            assert len(sizes) == 4 and all(height > 50 for height in sizes)
            focused = []
            for _ in range(4):
                page.keyboard.press("Tab")
                focused.append(page.evaluate("document.activeElement.getAttribute('href')"))
            assert focused == ["/p/caf/", "/r/76/", "/d/34/", None]
        finally:
            browser.close()
