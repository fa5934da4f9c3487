import { describe, expect, it } from 'vitest';
import { csvField, reportCsv } from '../../../shared/domain/outcomes/csv';
import { emptyCounts, type DailyCounts } from '../../../shared/domain/outcomes/metrics';
import { buildReport, OTHER, type RowIn } from '../../../shared/domain/outcomes/report';

/** A day row of `joined` members of whom `formed` completed the form. */
const row = (dim: RowIn['dim'], value: string, joined: number, formed: number): RowIn => {
  const counts: DailyCounts = { ...emptyCounts(), joined, formCompleted: formed, members: joined };
  return { dim, value, counts };
};

describe('small cells', () => {
  it('merges groups under 10 members into 其他, and a 其他 still under 10 into the smallest cell shown, so no small group is readable by subtraction', () => {
    const report = buildReport([
      row('all', 'all', 30, 20),
      row('campaign', 'big', 14, 10),
      row('campaign', 'small-a', 6, 4),
      row('campaign', 'small-b', 5, 3),
      row('campaign', 'small-a', 0, 0), // another day of the same cell adds nothing
      row('scene', 'policy_delivery', 25, 18),
      row('scene', 'claims_service', 5, 2),
    ]);
    expect(report.byCampaign.map((c) => [c.value, c.members, c.metrics.profile_completion.numerator])).toEqual([
      ['big', 14, 10],
      [OTHER, 11, 7],
    ]);
    // 5 claims-service members would be 其他 alone, and readable as the overall 30 minus the 25 shown:
    // they are merged into the smallest cell shown, and that cell is shown as 其他.
    expect(report.byScene.map((c) => [c.value, c.members])).toEqual([[OTHER, 30]]);
    expect(JSON.stringify(report)).not.toMatch(/small-a|small-b|claims_service/);
  });

  it('shows no totals for fewer than 10 members, and withholds a rate over fewer than 10 members in a larger cell', () => {
    expect(buildReport([row('all', 'all', 9, 9)]).overall).toBeNull();
    const c: DailyCounts = { ...emptyCounts(), joined: 12, members: 12, reached30: 4, retained30: 3, formCompleted: 6 };
    const report = buildReport([{ dim: 'all', value: 'all', counts: c }]);
    expect(report.overall!.metrics.retention).toMatchObject({ withheld: true, rate: null, numerator: 0, denominator: 0 });
    expect(report.overall!.metrics.profile_completion).toMatchObject({ withheld: false, numerator: 6, denominator: 12, rate: 0.5 });
  });
});

describe('CSV export', () => {
  it('quotes per RFC 4180 and defuses spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=cmd()')).toBe("'=cmd()");
    expect(csvField('-spring')).toBe("'-spring");
    expect(csvField(-1)).toBe('-1');
    expect(csvField(null)).toBe('');
  });

  it('writes the report with CRLF line ends and without small cells', () => {
    const csv = reportCsv(buildReport([row('all', 'all', 20, 15), row('campaign', 'a,b', 12, 6), row('campaign', 'tiny', 3, 1)]));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('section,group,members,metric,numerator,denominator,rate,target');
    expect(lines).toContain('overall,all,20,profile_completion,15,20,0.7500,0.7');
    // 'tiny' (3) alone would be 20 − 12: it goes into the one cell shown, which becomes 其他.
    expect(lines).toContain('campaign,其他,15,profile_completion,7,15,0.4667,0.7');
    expect(csv).not.toContain('tiny');
    expect(csv).not.toContain('a,b');
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});
