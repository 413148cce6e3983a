// The served diagram page's view and history controls in headless Chromium at 1400 × 900: LeNet-5 fits the
// view on load; the wheel zooms, a drag pans, "Fit" brings the whole diagram back; the layout turns top down
// and back, laid out by the server; undo and redo (Ctrl+Z / Ctrl+Y and the buttons) restore the file's text;
// palette buttons dragged onto a node or an edge add a layer there; the Delete key deletes the selected layer (and not while typing in a field). Screenshots go to OUT_DIR.
//     node diagram-view.test.mjs URL FILE OUT_DIR     (VOLR_CLIENT: the client folder with node_modules)
import fs from 'node:fs';
import path from 'node:path';
import { check, launchChromium } from './page-session.mjs';

const [url, file, outDir] = process.argv.slice(2);
const browser = await launchChromium();
const failures = [];

try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', e => failures.push(`page error: ${e.message}`));
    page.setDefaultTimeout(15000);
    await page.goto(url);

    const node = (kind, line) => page.locator(`#sprotty g.${kind}`, { has: page.locator('text', { hasText: new RegExp(`^${line}$`) }) });
    const box = locator => locator.boundingBox();
    /** How many layer nodes lie wholly inside the diagram's view, and how many there are. */
    const inView = () => {
        const view = document.querySelector('#sprotty').getBoundingClientRect();
        const rects = [...document.querySelectorAll('#sprotty rect.volr-node')].map(r => r.getBoundingClientRect());
        const inside = rects.filter(r => r.left >= view.left - 0.5 && r.right <= view.right + 0.5
            && r.top >= view.top - 0.5 && r.bottom <= view.bottom + 0.5);
        return { inside: inside.length, all: rects.length };
    };
    const visibleNodes = () => page.evaluate(inView);
    /** Waits (at most 5 s) until every node is in view, then says how many are. */
    const allInView = async () => {
        await page.waitForFunction(`(${inView})().inside === (${inView})().all`, null, { timeout: 5000 }).catch(() => {});
        return visibleNodes();
    };
    /**
     * Does what changes the file, then waits until the page shows the new diagram (the file is written before the
     * server answers, and a click aimed at the old diagram could land on another node of the new one).
     */
    const changeFile = async action => {
        const version = await page.evaluate(() => document.body.dataset.version);
        await action();
        await page.waitForFunction(v => document.body.dataset.version !== v, version);
    };
    const fileIs = (text, what) => check(fs.readFileSync(file, 'utf8') === text, what);
    const original = fs.readFileSync(file, 'utf8');

    // 1. fit to view on load, zoom with the wheel, pan by dragging, fit again
    await node('dense', 'f5').waitFor();
    await page.waitForFunction(() => document.body.dataset.version !== undefined);
    let seen = await allInView();
    check(seen.all === 10 && seen.inside === 10, `LeNet-5 fits the view at 1400 × 900: ${seen.inside} of ${seen.all} nodes in view`);
    await page.screenshot({ path: path.join(outDir, 'diagram-fit.png') });

    const before = await box(node('dense', 'f5').locator('rect').first());
    const view = await box(page.locator('#sprotty'));
    await page.mouse.move(before.x + before.width / 2, before.y + before.height / 2);
    await page.mouse.wheel(0, -240);
    await page.waitForFunction(w => document.querySelector('#sprotty g.dense rect').getBoundingClientRect().width > w * 1.5,
        before.width);
    const zoomed = await box(node('dense', 'f5').locator('rect').first());
    check(zoomed.width > before.width * 1.5, `the wheel zooms in: f5 is ${zoomed.width.toFixed(0)} px wide, was ${before.width.toFixed(0)}`);
    check(Math.abs(zoomed.x + zoomed.width / 2 - (before.x + before.width / 2)) < 3,
        'zooming keeps the node under the pointer in place');
    seen = await visibleNodes();
    check(seen.inside < 10, `zoomed in, ${seen.inside} of 10 nodes remain in view`);

    // drag the empty canvas below the diagram
    const start = { x: view.x + view.width / 2, y: view.y + view.height - 20 };
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x - 60, start.y - 20, { steps: 4 });
    await page.mouse.move(start.x - 120, start.y - 40, { steps: 4 });
    await page.mouse.up();
    const panned = await box(node('dense', 'f5').locator('rect').first());
    check(Math.abs(panned.x - (zoomed.x - 120)) < 2 && Math.abs(panned.y - (zoomed.y - 40)) < 2,
        `dragging the canvas by (-120, -40) moves the diagram by (${(panned.x - zoomed.x).toFixed(0)}, ${(panned.y - zoomed.y).toFixed(0)})`);

    await page.locator('#fit').click();
    seen = await allInView();
    check(seen.inside === 10, `"Fit" brings all ${seen.inside} nodes back into view`);

    // 2. top down and back, laid out by the server: the file does not change
    const centre = async kind => {
        const b = await box(page.locator(`#sprotty g.${kind} rect`).first());
        return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    };
    await page.locator('#direction').selectOption('down');
    await page.waitForFunction(() => {
        const i = document.querySelector('#sprotty g.input rect').getBoundingClientRect();
        const o = document.querySelector('#sprotty g.output rect').getBoundingClientRect();
        return o.top > i.bottom;
    });
    let input = await centre('input'), output = await centre('output');
    check(output.y > input.y && Math.abs(output.x - input.x) < 2, 'top down: the output is straight below the input');
    seen = await allInView();
    check(seen.inside === 10, `top down, the diagram is fitted again: ${seen.inside} of 10 nodes in view`);
    // for the README's picture: a layer selected, its parameters in the panel
    await node('conv', 'c3').locator('rect').first().click();
    await page.locator('#property-panel input[name="filters"]').waitFor();
    check(await page.locator('#property-panel input[name="stride"]').isHidden()
        && await page.locator('#property-panel details.unset summary', { hasText: 'stride' }).isVisible(),
        'c3 selected: the parameters its text leaves out (stride...) are folded away, filters and kernel shown');
    await page.screenshot({ path: path.join(outDir, 'diagram-top-down.png') });
    await page.locator('#direction').selectOption('right');
    await page.waitForFunction(() => {
        const i = document.querySelector('#sprotty g.input rect').getBoundingClientRect();
        const o = document.querySelector('#sprotty g.output rect').getBoundingClientRect();
        return o.left > i.right;
    });
    input = await centre('input');
    output = await centre('output');
    check(output.x > input.x && Math.abs(output.y - input.y) < 2, 'left to right again: the output is right of the input');
    check(fs.readFileSync(file, 'utf8') === original, 'changing the layout leaves the file alone');

    // 3. undo and redo, by keyboard and by the toolbar's buttons
    check(await page.locator('#undo').isDisabled(), 'nothing to undo before the first edit');
    await node('dense', 'f5').locator('rect').first().click();
    await page.locator('#property-panel h3', { hasText: 'dense' }).waitFor();
    await page.locator('#palette-kinds button[data-kind="dense"]').click();
    await node('dense', 'dense 10 relu').waitFor();
    const added = fs.readFileSync(file, 'utf8');
    check(added.includes('    f5: dense 120 relu\n    dense 10 relu\n'), 'the palette added a dense layer after f5');
    await changeFile(() => page.keyboard.press('Control+z'));
    fileIs(original, 'Ctrl+Z: the file is back to its text before the edit');
    check(await node('dense', 'dense 10 relu').count() === 0, 'and the page shows it without the new layer');
    check(await page.locator('#redo').isEnabled() && await page.locator('#undo').isDisabled(),
        'after undoing the only edit, redo is possible and undo is not');
    await changeFile(() => page.keyboard.press('Control+y'));
    fileIs(added, 'Ctrl+Y: the edit is made again');
    check(await node('dense', 'dense 10 relu').count() === 1, 'and the page shows the new layer again');
    await changeFile(() => page.locator('#undo').click());
    fileIs(original, 'the Undo button undoes it');
    await changeFile(() => page.locator('#redo').click());
    fileIs(added, 'the Redo button redoes it');

    // 5. palette buttons wear their nodes' colours; dragged onto a node or an edge, they add a layer there
    const colour = sel => page.locator(sel).first().evaluate(e => getComputedStyle(e).fill);
    check(await colour('#palette-kinds button[data-kind="dense"] rect') === await colour('#sprotty g.dense rect.volr-node')
        && await colour('#palette-kinds button[data-kind="conv2d"] rect') === await colour('#sprotty g.conv rect.volr-node')
        && await colour('#palette-kinds button[data-kind="dense"] rect') !== await colour('#palette-kinds button[data-kind="conv2d"] rect'),
        'a palette icon has the colours of the node it adds');
    const dragTo = async (kind, point) => {
        const b = await box(page.locator(`#palette-kinds button[data-kind="${kind}"]`));
        await changeFile(async () => {
            await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
            await page.mouse.down();
            await page.mouse.move(point.x, point.y, { steps: 8 });
            await page.mouse.up();
        });
    };
    const f6 = await box(node('dense', 'f6').locator('rect').first());
    await dragTo('dropout', { x: f6.x + f6.width / 2, y: f6.y + f6.height / 2 });
    const dropped = fs.readFileSync(file, 'utf8');
    check(/ {4}f6: dense 84 relu\n {4}dropout [0-9.]+\n {4}out:/.test(dropped), 'dropout dragged onto f6 went after f6');
    // the middle of the edge from c1 to s2
    const c1 = await box(node('conv', 'c1').locator('rect').first());
    const s2 = await box(node('pooling', 's2').locator('rect').first());
    await dragTo('identity', { x: (c1.x + c1.width + s2.x) / 2, y: s2.y + s2.height / 2 });
    check(/c1: conv2d.*\n {4}identity\n {4}s2: avgpool 2/.test(fs.readFileSync(file, 'utf8')),
        'identity dragged onto the edge from c1 to s2 went between them');
    await changeFile(() => page.keyboard.press('Control+z'));
    await changeFile(() => page.keyboard.press('Control+z'));
    fileIs(added, 'two Ctrl+Z undo both drops');

    // 6. the Delete key deletes the selected layer, but not while typing in the property panel
    await node('dense', 'f6').locator('rect').first().click();
    const units = page.locator('#property-panel input[name="units"]');
    await page.waitForFunction(() => document.querySelector('#property-panel input[name="units"]')?.value === '84');
    check(await units.inputValue() === '84', 'f6 is selected');
    await units.focus();
    await page.keyboard.press('Delete');
    await page.waitForTimeout(300);
    check(fs.readFileSync(file, 'utf8') === added, 'Delete while in a field of the panel edits the field, not the diagram');
    await node('dense', 'f6').locator('rect').first().click();
    await changeFile(() => page.keyboard.press('Delete'));
    const deleted = fs.readFileSync(file, 'utf8');
    check(!deleted.includes('f6:') && deleted.includes('    dense 10 relu\n    out: dense 10 softmax\n'),
        'the Delete key removed f6 from the file');
    await page.waitForFunction(() => document.querySelectorAll('#problems li').length === 0);
    check(await page.locator('#sprotty g.error').count() === 0, 'the checker ran on the new text: no problems, no red node');
    fs.writeFileSync(path.join(outDir, 'after-delete.volr'), deleted);
    await page.locator('#fit').click();
    await page.screenshot({ path: path.join(outDir, 'diagram-after-delete.png') });
    check(failures.length === 0, 'no script errors on the page' + (failures.length ? ': ' + failures.join('; ') : ''));
} catch (e) {
    console.error('FAILED: ' + e.message);
    process.exitCode = 1;
} finally {
    await browser.close();
}
