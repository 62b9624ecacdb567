/** Why a playbook file was rejected or warned about; callers branch on the code. */
export type PlaybookIssueCode =
  | 'read-failed'
  | 'empty-directory'
  | 'yaml'
  | 'invalid'
  | 'unknown-field'
  | 'unknown-id'
  | 'bad-url'
  | 'file-name'
  | 'duplicate-id'
  | 'missing-playbook'
  | 'unknown-variable'
  | 'unguarded-variable';

/** A problem in a playbook file, located so an editor can jump to it. */
export interface PlaybookIssue {
  file: string;
  /** 1-based; absent when the problem is the file or directory as a whole. */
  line?: number;
  column?: number;
  code: PlaybookIssueCode;
  message: string;
}

export type PlaybookError = PlaybookIssue;
export type PlaybookWarning = PlaybookIssue;

/** "playbooks/oom-killed.yaml:12:5: steps[2].command: is empty", the form editors and CI annotate. */
export function formatPlaybookIssue(issue: PlaybookIssue): string {
  const where = [issue.file, issue.line, issue.line !== undefined ? issue.column : undefined]
    .filter((part) => part !== undefined)
    .join(':');
  return `${where}: ${issue.message}`;
}
