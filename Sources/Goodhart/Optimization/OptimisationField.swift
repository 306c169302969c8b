/// The setting or input of an optimisation that an error is about (`OptimisationError.field`).
public enum OptimisationField: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
  /// The KL penalty β.
  case beta
  /// The number of optimiser steps.
  case steps
  /// The batch size.
  case batch
  /// The learning rate.
  case learningRate = "learning_rate"
  /// The trajectory's logging interval.
  case logEvery = "log_every"
  /// The model's base weights.
  case weights
  /// The model itself.
  case model
  /// The regulariser.
  case regulariser
  /// The domain of the weights.
  case domain

  /// The field's name as the library's messages and the JSON spell it.
  public var description: String { rawValue }
}
