import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import ReadOnlyBanner from './ReadOnlyBanner.svelte';

describe('ReadOnlyBanner', () => {
  it("shows Rust's reason as it was given", () => {
    const reason = 'پروندهٔ استان فقط‌خواندنی است (اجازهٔ نوشتن ندارد)؛ پس چیزی در آن نوشته نمی‌شود.';
    const { body } = render(ReadOnlyBanner, { props: { reason } });
    expect(body).toContain('data-testid="read-only-banner"');
    expect(body).toContain('role="status"');
    expect(body).toContain(reason);
  });
});
