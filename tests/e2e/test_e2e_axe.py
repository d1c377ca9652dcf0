"""Accessibility (issue #16, done-when): axe-core 4.14.1 (vendored, tests/e2e/vendor) finds no
serious or critical violation on the main pages of every demo role and on the login page.

axe is injected with Playwright into a context that bypasses the Content-Security-Policy (the
application allows no inline script; axe is the test's, not the page's)."""

import pytest
from browser import E2E_MARKS
from conftest import AXE
from pages import ROLES, main_pages

pytestmark = [m for m in E2E_MARKS if m.name != "django_db"]

RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.impact} ${v.id}: ${v.help} -> ` +
         v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
}"""


def _violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN)


@pytest.mark.parametrize("username", [None, *ROLES])
def test_no_serious_accessibility_violation(demo_site, sign_in, username):
    context, page = sign_in(username, bypass_csp=True)
    found = {}
    try:
        paths = main_pages(page, demo_site.url) if username else ["/masuk/", "/bantuan/"]
        assert len(paths) >= 2
        for path in paths:
            response = page.goto(demo_site.url + path)
            assert response.status == 200, path
            problems = _violations(page)
            if problems:
                found[path] = problems
    finally:
        context.close()
    assert not found, "\n".join(f"{p}:\n  " + "\n  ".join(v) for p, v in found.items())
