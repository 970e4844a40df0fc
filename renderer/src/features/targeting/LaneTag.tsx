// A lane as a coloured tag (red, yellow, blue, green), readable in both themes: solid colour, dark or
// light text as the colour needs, and the lane's name written out for those who do not see colours.
import { Tag } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import type { Lane } from '../../../../shared/domain/targeting.ts';
import './targeting.css';
import { useTargetingFormat } from './format.ts';

export function LaneTag({ lane, count, minimal }: { lane: Lane; count?: number; minimal?: boolean }) {
  const { t } = useTranslation();
  const f = useTargetingFormat();
  return (
    <Tag className={`pc-lane pc-lane-${lane}${minimal ? ' pc-lane-small' : ''}`} title={t(`targeting.laneMeaning.${lane}`)} data-lane={lane}>
      {t(`targeting.lane.${lane}`)}
      {count !== undefined && <span className="pc-num pc-lane-count">{f.number(count)}</span>}
    </Tag>
  );
}

/** The thin coloured bar at the start of a row of the queue. */
export function LaneSwatch({ lane }: { lane: Lane }) {
  return <span className={`pc-lane-swatch pc-lane-${lane}`} aria-hidden="true" />;
}
