// The one failure of the version boundary: a record that cannot be converted without a fact the hub lacks.
// The caller keeps such a record where the operator can see it (a dead letter), never delivers a guess.
export class Unconvertible extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
