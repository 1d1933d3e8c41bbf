// "Only the latest request may update the view": answers can arrive out of order, and an older
// answer must not overwrite a newer one.

export type LatestRequest = {
  /** Starts a request; the returned function tells whether it is still the latest one. */
  begin(): () => boolean;
};

export function latestRequest(): LatestRequest {
  let latest = 0;
  return {
    begin() {
      const mine = ++latest;
      return () => mine === latest;
    },
  };
}
