/** Where a command writes: injected so that tests read the output without spying on the console. */
export interface CliIo {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

export const processIo: CliIo = { stdout: process.stdout, stderr: process.stderr };

export function writeLine(stream: NodeJS.WritableStream, text = ''): void {
  stream.write(`${text}\n`);
}
