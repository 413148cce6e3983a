// The served diagram page in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core):
// select a layer, add a dense layer from the palette, set its size in the property panel, check the file on
// disk; edit the file as a text editor would and see the page follow; break the file and see the last diagram
// greyed out; introduce a size mismatch and see the error on the node; connect two layers; send an edit with a
// stale session token and see it refused.
//     node diagram-page.test.mjs URL FILE OUT_DIR     (VOLR_CLIENT: the client folder with node_modules)
import fs from 'node:fs';
import path from 'node:path';
import { check, launchChromium } from './page-session.mjs';

const [url, file, outDir] = process.argv.slice(2);
const browser = await launchChromium();
const failures = [];

try {
    const page = await browser.newPage({ viewport: { width: 1500, height: 800 } });
    page.on('pageerror', e => failures.push(`page error: ${e.message}`));
    page.setDefaultTimeout(15000);
    await page.goto(url);

    /** The diagram node of the given kind class whose text lines include one equal to `line`. */
    const node = (kind, line) => page.locator(`#sprotty g.${kind}`, { has: page.locator('text', { hasText: new RegExp(`^${line}$`) }) });

    await node('dense', 'f5').waitFor();
    check(await page.locator('#sprotty g.dense').count() === 3, 'the LeNet page shows its three dense layers');

    // select f5 and add a dense layer after it from the palette
    await node('dense', 'f5').locator('rect').first().click();
    await page.locator('#property-panel h3', { hasText: 'dense' }).waitFor();
    await page.locator('#palette-kinds button[data-kind="dense"]').click();
    await node('dense', 'dense 10 relu').waitFor();
    check(fs.readFileSync(file, 'utf8').includes('    f5: dense 120 relu\n    dense 10 relu\n    f6: dense 84 relu\n'),
        'the palette added "dense 10 relu" after f5 in the file');

    // the new layer is selected: set its size in the property panel
    const units = page.locator('#property-panel input[name="units"]');
    await units.waitFor();
    check(await units.inputValue() === '10', 'the property panel shows the new layer (units 10)');
    await units.fill('32');
    await units.dispatchEvent('change');
    await node('dense', 'dense 32 relu').waitFor();
    const afterSize = fs.readFileSync(file, 'utf8');
    check(afterSize.includes('    f5: dense 120 relu\n    dense 32 relu\n    f6: dense 84 relu\n'),
        'the property panel changed the size in the file to 32');
    check(afterSize.includes('s2: avgpool 2                                    // [6, 14, 14]'), 'comments and alignment elsewhere survive');
    fs.writeFileSync(path.join(outDir, 'after-size.volr'), afterSize);
    await page.screenshot({ path: path.join(outDir, 'page.png') });

    // a text edit of the file reaches the page within a second
    const started = Date.now();
    fs.writeFileSync(file, afterSize.replace('f6: dense 84 relu', 'f6: dense 80 relu'));
    await node('dense', 'dense 80 relu').waitFor({ timeout: 5000 });
    const refresh = Date.now() - started;
    console.log(`text edit shown after ${refresh} ms`);
    check(refresh < 1500, `the page followed a text edit in ${refresh} ms`);

    // a file that does not parse: the last diagram stays, greyed out
    const good = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, good.replace('f6: dense 80 relu', 'f6: dense ('));
    await page.locator('body.stale').waitFor();
    check(await node('dense', 'dense 80 relu').count() === 1, 'the last good diagram stays while the file does not parse');
    check(await page.locator('#problems li.error').count() > 0, 'the syntax error is listed');
    fs.writeFileSync(file, good);
    await page.locator('body:not(.stale)').waitFor();

    // a size mismatch: the error is drawn on the node, with the checker's message
    await node('dense', 'dense 32 relu').locator('rect').first().click();
    // dense's input size is not written, so it waits among the parameters not set
    await page.locator('#property-panel details.unset summary').click();
    const inputs = page.locator('#property-panel input[name="inputs"]');
    await inputs.waitFor();
    await inputs.fill('7');
    await inputs.dispatchEvent('change');
    const broken = page.locator('#sprotty g.dense.error', { has: page.locator('text', { hasText: /^dense 7 32 relu$/ }) });
    await broken.waitFor();
    const title = await broken.locator('title').textContent();
    console.log(`error on the node: ${title}`);
    check(title.includes('7') && title.includes('120'), 'the node shows the mismatch of 7 and 120 inputs');
    check(await page.locator('#property-panel .problem').count() === 1, 'the property panel shows the problem too');
    // connect f5 to f6 (a skip connection): the layer between becomes a branch beside f5's output, concatenated
    const merges = await page.locator('#sprotty g.merge').count();
    await node('dense', 'f5').locator('rect').first().click();
    await page.locator('#merge').selectOption('concat');
    await page.locator('#connect').click();
    await node('dense', 'f6').locator('rect').first().click();
    await page.waitForFunction(n => document.querySelectorAll('#sprotty g.merge').length > n, merges);
    check(fs.readFileSync(file, 'utf8').includes('    f5: dense 120 relu\n    dense 7 32 relu | identity\n    f6: dense 80 relu\n'),
        'connect wrote the skip connection as a parallel branch with identity');

    // an edit with a token the server did not hand out (a page left open across a restart) is refused, the page
    // shows the server's sentence, and the file stays as it was
    const beforeRefusal = fs.readFileSync(file, 'utf8');
    await page.evaluate(() => { document.querySelector('meta[name="volr-token"]').content = 'stale'; });
    await node('dense', 'f6').locator('rect').first().click();
    await page.locator('#property-panel h3', { hasText: 'dense' }).waitFor();
    await page.locator('#delete').click();
    await page.locator('#message.error', { hasText: 'reload the page' }).waitFor();
    check(fs.readFileSync(file, 'utf8') === beforeRefusal, 'an edit without the session token was refused and the page says why');
    check(failures.length === 0, 'no script errors on the page' + (failures.length ? ': ' + failures.join('; ') : ''));
} catch (e) {
    console.error('FAILED: ' + e.message);
    process.exitCode = 1;
} finally {
    await browser.close();
}
