/**
 * The checks a file passes before it goes up: size, type (patterns, exact types, extensions),
 * count and emptiness; and the plain-fetch upload, which reports all of it once answered.
 */
import { expect } from '@open-wc/testing';
import { acceptsType, fetchUpload, localAttachment, refusalOf, type AttachmentRules } from '../../src/core/uploads.js';
import { ATTACHMENTS as CHATWOOT } from '../../src/core/protocols/chatwoot/protocol.js';

const RULES: AttachmentRules = { maxBytes: 100, maxFiles: 2, accept: ['image/*', 'application/pdf', '.csv'] };
const file = (name: string, type: string, size: number) => ({ name, type, size });

describe('upload checks', () => {
  it('takes a file within the limits; refuses too large, wrong type, too many, empty', () => {
    expect(refusalOf(file('a.png', 'image/png', 100), RULES)).to.equal(undefined);
    expect(refusalOf(file('a.png', 'image/png', 101), RULES)).to.equal('size');
    expect(refusalOf(file('a.exe', 'application/x-msdownload', 10), RULES)).to.equal('type');
    expect(refusalOf(file('a.png', 'image/png', 10), RULES, 2)).to.equal('count');
    expect(refusalOf(file('a.png', 'image/png', 0), RULES)).to.equal('empty');
  });

  it('matches type patterns, exact types (any case) and extensions; no list takes anything', () => {
    expect(acceptsType(RULES.accept, 'IMAGE/JPEG')).to.equal(true);
    expect(acceptsType(RULES.accept, 'application/pdf')).to.equal(true);
    expect(acceptsType(RULES.accept, '', 'table.CSV')).to.equal(true);
    expect(acceptsType(RULES.accept, 'application/pdfx')).to.equal(false);
    expect(acceptsType(RULES.accept, 'imagery/png')).to.equal(false);
    expect(acceptsType(undefined, 'anything/at-all')).to.equal(true);
  });

  it('Chatwoot: 40 MB, media and its document types, not executables', () => {
    expect(CHATWOOT.maxBytes).to.equal(40 * 1024 * 1024);
    expect(refusalOf(file('v.mp4', 'video/mp4', 1), CHATWOOT)).to.equal(undefined);
    expect(refusalOf(file('d.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 1), CHATWOOT)).to.equal(undefined);
    expect(refusalOf(file('x.exe', 'application/x-msdownload', 1), CHATWOOT)).to.equal('type');
    expect(refusalOf(file('big.png', 'image/png', 40 * 1024 * 1024 + 1), CHATWOOT)).to.equal('size');
  });

  it('a pending attachment names the file; the fetch upload reports 1 once answered', async () => {
    expect(localAttachment(new File(['x'], 'p.png', { type: 'image/png' }))).to.deep.equal({ name: 'p.png', mime: 'image/png', size: 1, kind: 'image' });
    const seen: number[] = [];
    const res = await fetchUpload(async () => new Response('{}', { status: 200 }))('http://x.invalid/', {}, (f) => seen.push(f));
    expect(res.status).to.equal(200);
    expect(seen).to.deep.equal([1]);
  });
});
