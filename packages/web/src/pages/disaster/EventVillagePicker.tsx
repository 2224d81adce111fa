import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WilayahPicker } from '../../components/WilayahPicker.js';
import { AreaName } from '../../components/AreaName.js';
import { useAreaNames } from './DisasterBits.js';

const isVillage = (code: string) => code.split('.').length === 4;

/**
 * A village inside one of the event's areas: the area first (when there are several), then the
 * levels below it with the shared picker. An area that is itself a village is the answer.
 */
export function EventVillagePicker({
  areas,
  value,
  onChange,
  resetKey = '',
}: {
  areas: string[];
  value: string;
  onChange: (village: string) => void;
  resetKey?: string;
}) {
  const { t } = useTranslation();
  const names = useAreaNames(areas);
  const id = useId();
  const initial = areas.find((a) => value && (value === a || value.startsWith(`${a}.`))) ?? areas[0] ?? '';
  const [area, setArea] = useState(initial);
  // Another starting village (a shelter's) moves the area along with it.
  useEffect(() => {
    const owner = areas.find((a) => value && (value === a || value.startsWith(`${a}.`)));
    if (owner && owner !== area) setArea(owner);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  useEffect(() => {
    if (isVillage(area) && value !== area) onChange(area);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [area]);
  return (
    <>
      {areas.length > 1 && (
        <label htmlFor={id}>
          {t('bencana.korban.areaOfEvent')}
          <select
            id={id}
            value={area}
            onChange={(e) => {
              setArea(e.target.value);
              onChange('');
            }}
          >
            {areas.map((a) => (
              <option key={a} value={a}>
                {names[a] ?? a}
              </option>
            ))}
          </select>
        </label>
      )}
      {areas.length === 1 && (
        <p className="muted">
          {t('bencana.korban.areaOfEvent')}: <AreaName code={area} />
        </p>
      )}
      {area && !isVillage(area) && (
        <WilayahPicker key={`${area}-${resetKey}`} value={value.startsWith(area) ? value : ''} fixed={area} onChange={onChange} />
      )}
    </>
  );
}
