import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import EvalTeamProgress from './EvalTeamProgress.svelte';

describe('EvalTeamProgress', () => {
  const team = { id: 1, name: 'تیم الف', members: ['علی رضایی', 'سارا کریمی'], agencies: 2, indicators: 30, scored: 28 };

  it('shows each team’s scores as «۲۸ از ۳۰» and the agencies in no team', () => {
    const { body } = render(EvalTeamProgress, { props: { teams: [team], unassigned: ['103', '104', '105'] } });
    expect(body).toContain('۲۸ از ۳۰');
    expect(body).not.toContain('28/30');
    expect(body).toContain('علی رضایی، سارا کریمی');
    expect(body).toContain('۳ دستگاه در هیچ تیمی نیست');
  });

  it('shows nothing without teams', () => {
    const { body } = render(EvalTeamProgress, { props: { teams: [], unassigned: [] } });
    expect(body).not.toContain('eval-team-progress');
  });
});
