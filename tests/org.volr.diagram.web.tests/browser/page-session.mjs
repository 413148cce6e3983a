// What the browser tests share: Debian's /usr/bin/chromium driven by playwright-core from the client's
// node_modules (VOLR_CLIENT), and a check that prints what passed and throws on the first failure.
import { createRequire } from 'node:module';
import path from 'node:path';

export async function launchChromium() {
    const require = createRequire(path.join(process.env.VOLR_CLIENT, 'package.json'));
    const { chromium } = require('playwright-core');
    return chromium.launch({
        executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
            '--disable-sync', '--no-first-run']
    });
}

export function check(ok, message) {
    if (!ok)
        throw new Error(message);
    console.log('ok - ' + message);
}
