// Whether each chart of a demo is fully on screen: the drawing inside the viewport's width
// and height once scrolled to, not clipped by a scrolling or hidden-overflow ancestor, and
// not covered by anything (the navigation bar, another element).
import type { Locator } from 'playwright-core';

/** The problems of every chart in the demo, each prefixed with the chart's label. */
export async function chartFitProblems(demo: Locator): Promise<string[]> {
  const page = demo.page();
  const viewport = page.viewportSize();
  if (!viewport) throw new Error('the page has no fixed viewport');
  const charts = demo.locator('.demo-chart');
  const count = await charts.count();
  if (count === 0) return ['the demo shows no chart'];
  const problems: string[] = [];
  for (let index = 0; index < count; index++) {
    const chart = charts.nth(index);
    const label = (await chart.getAttribute('data-label')) ?? `chart ${index + 1}`;
    const drawing = chart.locator('svg, canvas').first();
    if (!(await drawing.isVisible())) {
      problems.push(`${label}: not visible`);
      continue;
    }
    await drawing.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    const box = await drawing.boundingBox();
    if (!box || box.width < 1 || box.height < 1) {
      problems.push(`${label}: empty bounding box`);
      continue;
    }
    const right = box.x + box.width;
    const bottom = box.y + box.height;
    if (
      box.x < -0.5 ||
      right > viewport.width + 0.5 ||
      box.y < -0.5 ||
      bottom > viewport.height + 0.5
    )
      problems.push(
        `${label}: drawn at x ${box.x.toFixed(0)} to ${right.toFixed(0)}, y ${box.y.toFixed(0)} to ${bottom.toFixed(0)}, outside the ${viewport.width}x${viewport.height} viewport`,
      );
    problems.push(
      ...(await drawing.evaluate(hiddenParts)).map((problem) => `${label}: ${problem}`),
    );
  }
  return problems;
}

/** Runs in the page: the ancestors that clip the element, and points of it that are covered. */
function hiddenParts(element: Element): string[] {
  const problems: string[] = [];
  const rect = element.getBoundingClientRect();
  for (let parent = element.parentElement; parent; parent = parent.parentElement) {
    const style = getComputedStyle(parent);
    if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
    const outer = parent.getBoundingClientRect();
    if (
      rect.left < outer.left - 0.5 ||
      rect.right > outer.right + 0.5 ||
      rect.top < outer.top - 0.5 ||
      rect.bottom > outer.bottom + 0.5
    )
      problems.push(
        `clipped by <${parent.tagName.toLowerCase()} class="${parent.className}"> (overflow ${style.overflowX}/${style.overflowY}): ${Math.round(rect.width)} px wide in ${Math.round(outer.width)} px`,
      );
  }
  const inset = 3;
  const points: [string, number, number][] = [
    ['center', (rect.left + rect.right) / 2, (rect.top + rect.bottom) / 2],
    ['top left', rect.left + inset, rect.top + inset],
    ['top right', rect.right - inset, rect.top + inset],
    ['bottom left', rect.left + inset, rect.bottom - inset],
    ['bottom right', rect.right - inset, rect.bottom - inset],
  ];
  const chart = element.closest('.demo-chart') ?? element;
  for (const [name, x, y] of points) {
    const hit = document.elementFromPoint(x, y);
    if (!hit || !chart.contains(hit))
      problems.push(
        `${name} point covered by ${hit ? `<${hit.tagName.toLowerCase()} class="${hit.getAttribute('class') ?? ''}">` : 'nothing (off screen)'}`,
      );
  }
  return problems;
}
