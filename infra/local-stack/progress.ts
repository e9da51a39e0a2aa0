// Progress lines for long stack work go to stderr, so stdout stays machine-readable (`--json`).
export type Progress = (message: string) => void;

export const stderrProgress: Progress = (message) => {
  process.stderr.write(`[stack] ${message}\n`);
};

export const silentProgress: Progress = () => {};
