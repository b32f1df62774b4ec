import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

const PAGE = join(__dirname, '..', '..', 'src', 'web', 'page');

/** The page of `cortex-rx web` is an app like any other: it reaches cortex-rx only through the package's entries. */
describe('src/web/page imports', () => {
  const files = readdirSync(PAGE).filter((f) => f.endsWith('.ts'));
  const specs = files.flatMap((file) =>
    [...readFileSync(join(PAGE, file), 'utf8').matchAll(/^(?:import|export)\b[^;]*?\bfrom\s*['"]([^'"]+)['"]/gm)].map(
      (m) => ({ file, spec: m[1] }),
    ),
  );

  it('finds the page', () => {
    expect(files).toEqual(expect.arrayContaining(['main.ts', 'liveSession.ts']));
    expect(specs.length).toBeGreaterThan(10);
  });

  it("imports only 'cortex-rx', 'cortex-rx/operators', rxjs, its own files and the PageConfig type", () => {
    const allowed = (spec: string) =>
      ['cortex-rx', 'cortex-rx/operators', 'rxjs', '../pageConfig'].includes(spec) || /^\.\/\w+$/.test(spec);
    expect(specs.filter(({ spec }) => !allowed(spec))).toEqual([]);
  });
});
