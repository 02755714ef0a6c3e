import { describe, expect, it } from 'vitest';
import { Emitter } from '../../shared/emitter';

describe('Emitter', () => {
  it('tells every listener, in order, until it stops listening', () => {
    const heard: string[] = [];
    const news = new Emitter<string>();
    const stopA = news.on((v) => heard.push(`a:${v}`));
    news.on((v) => heard.push(`b:${v}`));
    news.emit('paper out');
    stopA();
    news.emit('back online');
    expect(heard).toEqual(['a:paper out', 'b:paper out', 'b:back online']);
    expect(news.size).toBe(1);
  });

  it('a listener that throws does not stop the others, and its failure goes to the owner', () => {
    const failures: unknown[] = [];
    const news = new Emitter<number>((error) => failures.push((error as Error).message));
    const heard: number[] = [];
    news.on(() => {
      throw new Error('socket closed');
    });
    news.on((n) => heard.push(n));
    expect(() => news.emit(7)).not.toThrow();
    expect(heard).toEqual([7]);
    expect(failures).toEqual(['socket closed']);
  });
});
