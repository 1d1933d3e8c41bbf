import { describe, expect, it, vi } from 'vitest';
import { editorKeys } from './keys';

function press(key: string) {
  return { key, preventDefault: vi.fn(), stopPropagation: vi.fn() } as unknown as KeyboardEvent & {
    preventDefault: ReturnType<typeof vi.fn>;
    stopPropagation: ReturnType<typeof vi.fn>;
  };
}

describe('editorKeys', () => {
  it('saves on Enter and cancels on Escape without letting Escape reach the dialog', () => {
    const save = vi.fn();
    const cancel = vi.fn();
    const onkeydown = editorKeys(save, cancel);

    const enter = press('Enter');
    onkeydown(enter);
    expect(save).toHaveBeenCalledOnce();
    expect(enter.preventDefault).toHaveBeenCalled();

    const escape = press('Escape');
    onkeydown(escape);
    expect(cancel).toHaveBeenCalledOnce();
    expect(escape.stopPropagation).toHaveBeenCalled();
  });

  it('leaves other keys to the input', () => {
    const save = vi.fn();
    const cancel = vi.fn();
    const a = press('a');
    editorKeys(save, cancel)(a);
    expect(save).not.toHaveBeenCalled();
    expect(cancel).not.toHaveBeenCalled();
    expect(a.preventDefault).not.toHaveBeenCalled();
  });
});
