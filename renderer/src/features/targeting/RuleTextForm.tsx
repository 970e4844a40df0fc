// The text form of a condition, for power users. While the text does not read, the error says what and
// where (a caret under the place), and the text stays as typed.
import { Classes, FormGroup, Intent, TextArea } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import type { TextError } from './condition-model.ts';

type Props = { id: string; text: string; error: TextError | null; onChange(text: string): void };

export function RuleTextForm({ id, text, error, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <div className="pc-rule-text">
      <FormGroup
        label={t('targeting.rule.text')}
        labelFor={id}
        helperText={error ? undefined : t('targeting.rule.textHelp')}
        intent={error ? Intent.DANGER : Intent.NONE}
      >
        <TextArea
          id={id}
          fill
          autoResize
          spellCheck={false}
          className={`${Classes.MONOSPACE_TEXT} pc-rule-textarea`}
          value={text}
          intent={error ? Intent.DANGER : Intent.NONE}
          onChange={(e) => onChange(e.currentTarget.value)}
          data-testid="rule-text"
        />
      </FormGroup>
      {error && <SyntaxError text={text} error={error} />}
    </div>
  );
}

/** The line that fails, with a caret under the place. */
function SyntaxError({ text, error }: { text: string; error: TextError }) {
  const { t } = useTranslation();
  const start = text.lastIndexOf('\n', error.offset - 1) + 1;
  const endAt = text.indexOf('\n', error.offset);
  const line = text.slice(start, endAt === -1 ? undefined : endAt);
  const lineNo = text.slice(0, start).split('\n').length;
  const column = error.offset - start + 1;
  return (
    <div className="pc-rule-syntax" role="alert" data-testid="rule-text-error" data-offset={error.offset}>
      <div>{t('targeting.rule.syntaxError', { line: lineNo, column, message: error.message })}</div>
      <pre className={`${Classes.MONOSPACE_TEXT} pc-rule-caret`}>
        {line || ' '}
        {'\n'}
        {' '.repeat(Math.max(0, column - 1))}^
      </pre>
    </div>
  );
}
