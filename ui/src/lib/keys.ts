/**
 * Keys of an inline editor (a grid cell, the deadline): Enter saves, Escape drops the edit.
 * Escape stops here so that it does not also close what the editor sits in.
 */
export function editorKeys(save: () => void, cancel: () => void): (e: KeyboardEvent) => void {
  return (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      save();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      cancel();
    }
  };
}
