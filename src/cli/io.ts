/** Where a command writes: injected so that tests read the output without spying on the console. */
export interface CliIo {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

/** Where a command leaves its exit code: main() reads it when the command is done. */
export interface ExitCode {
  code: number;
}

export const processIo: CliIo = { stdout: process.stdout, stderr: process.stderr };

export function writeLine(stream: NodeJS.WritableStream, text = ''): void {
  stream.write(`${text}\n`);
}
