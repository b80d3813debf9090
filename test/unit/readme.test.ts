// The README is copy-paste correct: every curl line answers the status its comment names against a started gateway,
// its configuration table is the settings table of the code, and it links to no file outside the repository.
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { settingsTable } from '../../src/config/settings';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process';
import { REPO_ROOT } from '../support/shared-odata-dir';
import { temporaryDirectory } from '../support/test-gateway';

const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
const README_ORIGIN = 'http://127.0.0.1:8080';

interface ShellStep {
  /** `curl …` to run, or an assignment (`TOKEN=$(…)`, `ID=$(…)`, `LINK=$(…)`) whose value later steps use. */
  readonly command: string;
  readonly assigns?: string;
  readonly status?: number;
  readonly line: number;
}

/** The curl commands and the TOKEN/ID assignments of every sh block, continuation lines joined, comments read. */
function shellSteps(markdown: string): ShellStep[] {
  const lines = markdown.split('\n');
  const steps: ShellStep[] = [];
  let inBlock = false;
  for (let index = 0; index < lines.length; index += 1) {
    if (lines[index].startsWith('```')) { inBlock = lines[index] === '```sh' && !inBlock; continue; }
    if (!inBlock) continue;
    const start = index;
    let text = lines[index];
    while (text.endsWith('\\')) text = `${text.slice(0, -1)} ${lines[++index].trim()}`;
    const comment = /\s#\s*(.*)$/.exec(text)?.[1] ?? /^#\s*(.*)$/.exec(lines[index + 1] ?? '')?.[1] ?? '';
    const command = text.replace(/\s+#\s.*$/, '').trim();
    const assignment = /^(TOKEN|ID|LINK)=\$\(/.exec(command);
    if (assignment) steps.push({ command, assigns: assignment[1], line: start + 1 });
    else if (command.startsWith('curl ')) steps.push({ command, status: Number(/^(\d{3})\b/.exec(comment)?.[1]), line: start + 1 });
  }
  return steps;
}

describe('the README', function () {
  this.timeout(60_000);
  const directory = temporaryDirectory();
  let running: GatewayProcess | undefined;
  before(async () => {
    // In the repository, as the quick start runs it: `npm start` here, `npm run -s token` here (the same key file).
    running = await startGatewayProcess(REPO_ROOT, { DATABASE_URL: `sqlite:${join(directory, 'readme.sqlite')}` });
  });
  after(async () => {
    await running?.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  it('has a status comment on every curl example', () => {
    const steps = shellSteps(README).filter((step) => !step.assigns);
    expect(steps.length).to.be.greaterThan(15);
    expect(steps.filter((step) => !Number.isInteger(step.status)).map((step) => `line ${step.line}`)).to.deep.equal([]);
  });

  it('answers every curl example with the status its comment names', () => {
    const variables: Record<string, string> = { B: `${running!.origin}/beta` };
    const failures: string[] = [];
    for (const step of shellSteps(README)) {
      const command = step.command.replaceAll(README_ORIGIN, running!.origin);
      const bash = (script: string) => execFileSync('bash', ['-c', script], {
        cwd: REPO_ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? directory, ...variables },
      });
      if (step.assigns) {
        variables[step.assigns] = bash(`${command}; printf %s "$${step.assigns}"`).trim();
        if (!/^\S{20,}$/.test(variables[step.assigns])) failures.push(`line ${step.line}: ${step.assigns} is '${variables[step.assigns]}'`);
        continue;
      }
      const status = Number(bash(`${command} -o /dev/null -w '%{http_code}'`));
      if (status !== step.status) failures.push(`line ${step.line}: ${status}, the comment says ${step.status}: ${step.command}`);
    }
    expect(failures).to.deep.equal([]);
  });

  it('shows the configuration table of src/config/settings.ts', () => {
    const start = README.indexOf('| variable | option | default | meaning |');
    expect(start, 'the README has the configuration table').to.be.greaterThan(0);
    const table = README.slice(start).split('\n').filter((line, index, all) => all.slice(0, index + 1).every((row) => row.startsWith('|'))).join('\n');
    expect(table).to.equal(settingsTable());
  });

  it('links only to files inside the repository', () => {
    const targets = [...README.matchAll(/\]\(([^)#][^)]*)\)/g)].map((match) => match[1]).filter((target) => !/^https?:/.test(target));
    expect(targets.filter((target) => target.startsWith('..') || !existsSync(join(REPO_ROOT, target)))).to.deep.equal([]);
    expect(README).to.not.match(/\.\.\/shared\/design/);
  });
});
