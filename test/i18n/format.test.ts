/**
 * Day labels and sizes in the widget's language: "Today" and "Yesterday" from
 * `Intl.RelativeTimeFormat`, sizes with the locale's decimal mark and unit.
 */
import { expect } from '@open-wc/testing';
import { formatDay, formatSize } from '../../src/elements/shared/format.js';

const spaces = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatting in the widget\'s language', () => {
  const now = new Date(2026, 5, 10, 15).getTime();
  const yesterday = new Date(2026, 5, 9, 9).getTime();

  it('names today and yesterday in the language of the words, capitalized as a label', () => {
    expect(formatDay(now, undefined, now)).to.equal('Today');
    expect(formatDay(yesterday, undefined, now)).to.equal('Yesterday');
    expect(formatDay(now, 'de', now, 'de')).to.equal('Heute');
    expect(formatDay(yesterday, 'fr', now, 'fr')).to.equal('Hier');
    expect(formatDay(now, 'es', now, 'es')).to.equal('Hoy');
    expect(formatDay(now, 'ar', now, 'ar')).to.equal('اليوم');
    expect(formatDay(yesterday, 'he', now, 'he')).to.equal('אתמול');
    // An older day is a date in the locale.
    expect(formatDay(new Date(2026, 0, 5).getTime(), 'de', now, 'de')).to.include('Jan');
  });

  it('writes sizes with the locale\'s decimal mark and unit', () => {
    expect(formatSize(2048)).to.equal('2.0 kB');
    expect(formatSize(500)).to.equal('500 bytes');
    expect(spaces(formatSize(2048, 'fr'))).to.equal('2,0 ko');
    expect(spaces(formatSize(5 * 1024 * 1024, 'de'))).to.equal('5,0 MB');
    expect(formatSize(undefined, 'de')).to.equal('');
  });
});
