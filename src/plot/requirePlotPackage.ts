/**
 * The packages that render figures. They are optional peer dependencies of cortex-rx (46 MB of the 76 MB a full
 * install takes), so only users who plot install them; a source checkout gets them as devDependencies.
 */
export const PLOT_PACKAGES = ['vega', 'vega-lite', '@resvg/resvg-js'] as const;

/** One of {@link PLOT_PACKAGES}. */
export type PlotPackage = (typeof PLOT_PACKAGES)[number];

/** The major version of each plot package that package.json's peerDependencies ask for (a test holds them equal). */
export const PLOT_PACKAGE_MAJORS: Readonly<Record<PlotPackage, number>> = {
  vega: 5,
  'vega-lite': 5,
  '@resvg/resvg-js': 2,
};

/** The one line that says what to install, thrown when a plot package is missing. */
function missingPlotPackageMessage(name: PlotPackage): string {
  const install = PLOT_PACKAGES.map((p) => `${p}@${PLOT_PACKAGE_MAJORS[p]}`).join(' ');
  return `cortex-rx/plot needs the optional packages ${PLOT_PACKAGES.join(', ')} and ${name} is not installed: run npm install ${install}`;
}

/**
 * Loads a plot package on first use (vega is large and only the plots need it). When the package is missing it
 * throws an `Error` whose one-line message names the packages to install; any other load failure is rethrown as is.
 *
 * @internal
 */
export function requirePlotPackage<T>(name: PlotPackage): T {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional peer: loaded on first use, missing is a clear error
    return require(name) as T;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    // Only the package itself missing: a missing file inside an installed package is a different failure.
    if (e.code === 'MODULE_NOT_FOUND' && e.message.includes(`'${name}'`)) {
      throw new Error(missingPlotPackageMessage(name));
    }
    throw err;
  }
}

/**
 * Loads every plot package, so that `cortex-rx plot` stops before a capture that it could not draw, with the same
 * one-line message as {@link requirePlotPackage}.
 *
 * @internal
 */
export function requirePlotPackages(): void {
  for (const name of PLOT_PACKAGES) requirePlotPackage<unknown>(name);
}
