import { useEffect, useState } from 'preact/hooks';
import { errorInWords } from '../api/problems';
import type { RecordType, Template, TemplatePreview } from '../api/types';
import { useConsole } from './context';
import { ErrorNotice } from './Notice';

/** Templates for the record's type; choosing one shows the text filled for this record, the sender and the number. */
export function TemplatePicker(props: {
  recordId: string;
  recordType: RecordType;
  businessNumber: string;
  onUse(templateId: string, text: string): void;
}) {
  const { api } = useConsole();
  const [templates, setTemplates] = useState<Template[]>([]);
  const [chosen, setChosen] = useState('');
  const [preview, setPreview] = useState<TemplatePreview | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.templates(props.recordType).then((list) => setTemplates(list.items), (e) => setError(errorInWords(e)));
  }, [props.recordType]);

  useEffect(() => {
    setPreview(null);
    if (!chosen) return;
    api.previewTemplate(chosen, props.recordId, props.businessNumber).then(
      (filled) => {
        setPreview(filled);
        setError(null);
      },
      (e) => setError(errorInWords(e)),
    );
  }, [chosen, props.recordId, props.businessNumber]);

  return (
    <div class="templates">
      <label>
        Template{' '}
        <select value={chosen} onChange={(e) => setChosen(e.currentTarget.value)} data-testid="template-select">
          <option value="">{templates.length ? 'Choose a template…' : 'No templates for this record type'}</option>
          {templates.map((t) => (
            <option value={t.id} key={t.id}>
              {t.name} ({t.scope === 'PERSONAL' ? 'mine' : 'organisation'}, {t.language})
            </option>
          ))}
        </select>
      </label>
      <ErrorNotice message={error} />
      {preview && (
        <div class="preview" aria-live="polite" data-testid="template-preview">
          <p class="filled">{preview.text}</p>
          {preview.empty.length > 0 && (
            <p class="warning">Nothing to fill {preview.empty.join(', ')} with: it stays blank. Check the text before sending.</p>
          )}
          {!preview.withinMaxLength && <p class="warning">The filled text is longer than 1600 characters.</p>}
          <button type="button" class="secondary" onClick={() => props.onUse(preview.templateId, preview.text)} data-testid="use-template">
            Use this text
          </button>
        </div>
      )}
    </div>
  );
}
