import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import type { Team } from '../lib/bindings/Team';
import EvalTeamAgenciesDialog from './EvalTeamAgenciesDialog.svelte';

const action = { visible: true, enabled: true, blocker: null };
const team = (id: number, name: string): Team => ({ id, name, members: [], agencies: [], workbooks: action, delete: action });

describe('EvalTeamAgenciesDialog', () => {
  it("ticks the team's agencies and names the team another agency is in", () => {
    const agencies = [
      { code: '101', name: 'آموزش و پرورش', team_id: 1 },
      { code: '102', name: 'دانشگاه لرستان', team_id: 2 },
      { code: '103', name: 'فنی و حرفه‌ای', team_id: null },
    ];
    const { body } = render(EvalTeamAgenciesDialog, {
      props: { team: team(1, 'تیم الف'), teams: [team(1, 'تیم الف'), team(2, 'تیم ب')], agencies, onsave: async () => {}, oncancel: () => {} },
    });
    expect(body).toContain('۱ دستگاه برگزیده');
    expect(body).toContain('(در «تیم ب»)');
    expect(body).not.toContain('(در «تیم الف»)');
  });
});
