/** The folder of the first written file: every file of one action goes to one folder. */
export function folderOf(files: { path: string; file_name: string }[]): string | null {
  if (files.length === 0) return null;
  const { path, file_name } = files[0];
  return path.endsWith(file_name) ? path.slice(0, path.length - file_name.length).replace(/[\\/]$/, '') : path;
}
