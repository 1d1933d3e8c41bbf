//! An action a screen offers, with whether it can be used now and, when it cannot, the Persian
//! sentence that says why. The sentence is the refusal of the operation itself: a view builds
//! its actions from the same guard functions the operations call, so a disabled button and a
//! refused CLI command say the same thing.

use crate::error::{Fault, Problem};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Action {
    /// Whether the screen shows it at all (e.g. «reopen the approval» only once approved).
    pub visible: bool,
    pub enabled: bool,
    /// Why it cannot be used now; null when it can.
    pub blocker: Option<String>,
}

impl Action {
    pub fn enabled() -> Self {
        Self { visible: true, enabled: true, blocker: None }
    }

    pub fn hidden() -> Self {
        Self { visible: false, enabled: false, blocker: None }
    }

    /// Visible and usable when `visible`, hidden otherwise.
    pub fn shown_if(visible: bool) -> Self {
        if visible {
            Self::enabled()
        } else {
            Self::hidden()
        }
    }

    /// The action as the operation's guard judges it: usable when the guard passes, blocked
    /// with the guard's refusal when the person can do something about it. An internal fault
    /// (a damaged file) is not a blocker: it is passed on.
    pub fn from_guard<E: Problem>(guard: Result<(), E>) -> Result<Self, E> {
        match guard {
            Ok(()) => Ok(Self::enabled()),
            Err(e) if e.fault() == Fault::User => {
                Ok(Self { visible: true, enabled: false, blocker: Some(e.to_string()) })
            }
            Err(e) => Err(e),
        }
    }
}
