/**
 * failureText: why a command failed, for a person. The server's own reason from the fields
 * backends put it in, the status in words, and never a URL.
 */
import { expect } from '@open-wc/testing';
import { HttpError, NetworkError, failureText } from '../../src/core/http.js';

describe('failureText: why a send failed, in plain words', () => {
  const refused = (body: unknown, status = 422) => failureText(new HttpError(status, `POST https://chat.example/api/v1/messages answered ${status}`, body));
  it('takes the server\'s own reason from the fields backends use, and never a URL', () => {
    expect(refused({ message: 'Content is too long' })).to.equal('the server refused it (422): Content is too long');
    expect(refused({ error: { message: 'Room is archived' } }, 403)).to.equal('the server refused it (403): Room is archived');
    expect(refused({ errorText: 'No such room', httpStatusCode: 404 }, 404)).to.equal('the server refused it (404): No such room');
    expect(refused({ errors: ['Content is too long'] })).to.equal('the server refused it (422): Content is too long');
    expect(refused({ errors: [{ detail: 'Attachment too big' }] })).to.equal('the server refused it (422): Attachment too big');
    expect(refused({ errors: { content: ['is too long'] } })).to.equal('the server refused it (422): content is too long');
    expect(refused({ message: 'see https://chat.example/docs/limits for limits' })).to.equal('the server refused it (422): see for limits');
    expect(refused('<!doctype html><h1>Bad gateway</h1>', 502)).to.equal('the server could not take it (502)');
    expect(refused(undefined)).to.equal('the server refused it (422)');
  });
  it('finds the server\'s answer under a wrapper, and strips URLs from other failures', () => {
    expect(failureText(new Error('adapter failed', { cause: new HttpError(413, 'x', { message: 'Too large' }) }))).to.equal('the server refused it (413): Too large');
    expect(failureText(new Error('spaces: rejected by policy'))).to.equal('spaces: rejected by policy');
    expect(failureText(new NetworkError('POST https://chat.example/api/v1/messages failed: Failed to fetch'))).to.equal('failed: Failed to fetch');
    expect(failureText(undefined)).to.equal('something went wrong');
  });
});
