import { describe, expect, it } from 'vitest';
import { GridError, GridProtocolError } from './errors.js';
import { readReply } from './grid-reply.js';

describe('readReply', () => {
  it('returns a bare data object as it is', () => {
    expect(readReply('model-centric/report', { status: 'success' })).toEqual({ status: 'success' });
  });

  it("unwraps PyGrid's WebSocket envelope sent over HTTP (W-01)", () => {
    const body = { type: 'model-centric/cycle-request', data: { status: 'accepted', model_id: 1 } };

    expect(readReply('model-centric/cycle-request', body)).toEqual({
      status: 'accepted',
      model_id: 1,
    });
  });

  it('turns error into a GridError with status and the first line of the message', () => {
    const error = (() => {
      try {
        readReply(
          'model-centric/authenticate',
          { error: 'Worker ID not found!\nTraceback: ...' },
          401,
        );
      } catch (e) {
        return e as GridError;
      }
    })();

    expect(error).toBeInstanceOf(GridError);
    expect(error?.status).toBe(401);
    expect(error?.gridMessage).toBe('Worker ID not found!');
    expect(error?.message).toBe(
      'Grid error: model-centric/authenticate failed (HTTP 401): Worker ID not found!',
    );
  });

  it('refuses a reply that is not an object', () => {
    expect(() => readReply('model-centric/report', [1, 2])).toThrow(GridProtocolError);
  });
});
