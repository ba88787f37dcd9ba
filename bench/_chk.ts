import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { removeBoilerplate } from '/work/main/src/extract/boilerplate.ts';
const { document } = parseHTML(readFileSync('test/fixtures/extract/header-intro/source.html', 'utf8'));
removeBoilerplate(document as any);
console.log(new Readability(document as any).parse()?.textContent?.includes('60 Zentimetern'));
