//! Brings a fresh copy of a part of the page into the one shown, changing only what differs.

use leptos::prelude::document;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::{Element, Node};

/// Makes `old` the same as `new`, changing only what differs, so that what the reader is
/// in (focus, a field's value, a box ticked, a select's choice, a folded part opened)
/// stays: those live in the elements, and a changed attribute only resets what the reader
/// has not touched. Children with a `data-key` are matched by it, so a row that moves keeps
/// its own state and never hands it to another row; a row that left is removed before the
/// rows after it are looked at, so they need not move (a moved node loses focus). Written
/// here because no crate morphs the DOM from Rust.
pub(super) fn morph(old: &Element, new: &Element) {
    sync_attributes(old, new);
    let new_nodes = children(new);
    // Vectors, not hash maps: a part has tens of rows, and hashbrown would add 3 KB of wasm.
    let mut keyed: Vec<(String, Node)> = children(old)
        .into_iter()
        .filter_map(|node| key(&node).map(|key| (key, node)))
        .collect();
    let wanted: Vec<String> = new_nodes.iter().filter_map(key).collect();
    let mut index = 0;
    for new_node in new_nodes {
        let mut at = old.child_nodes().item(index);
        while let Some(gone) = at
            .as_ref()
            .filter(|node| key(node).is_some_and(|key| !wanted.contains(&key)))
        {
            let _ = old.remove_child(gone);
            at = old.child_nodes().item(index);
        }
        let matched = match key(&new_node) {
            Some(wanted) => keyed
                .iter()
                .position(|(key, _)| *key == wanted)
                .map(|found| keyed.swap_remove(found).1)
                .filter(|node| same_kind(node, &new_node)),
            None => at
                .clone()
                .filter(|node| key(node).is_none() && same_kind(node, &new_node)),
        };
        match matched {
            Some(node) => {
                if at.as_ref() != Some(&node) {
                    let _ = old.insert_before(&node, at.as_ref());
                }
                update(&node, &new_node);
            }
            None => {
                let _ = old.insert_before(&adopted(&new_node), at.as_ref());
            }
        }
        index += 1;
    }
    while let Some(extra) = old.child_nodes().item(index) {
        let _ = old.remove_child(&extra);
    }
}

/// Brings `new` into `old`, a node of the same kind.
fn update(old: &Node, new: &Node) {
    match (old.dyn_ref::<Element>(), new.dyn_ref::<Element>()) {
        (Some(old), Some(new)) => morph(old, new),
        _ if old.node_value() != new.node_value() => {
            old.set_node_value(new.node_value().as_deref())
        }
        _ => {}
    }
}

fn key(node: &Node) -> Option<String> {
    node.dyn_ref::<Element>()?.get_attribute("data-key")
}

/// The reader's own state, which the server's HTML does not know: kept as it is.
const THE_READERS: [&str; 1] = ["open"];

fn sync_attributes(old: &Element, new: &Element) {
    let names = |element: &Element| -> Vec<String> {
        element
            .get_attribute_names()
            .iter()
            .filter_map(|name| name.as_string())
            .filter(|name| !THE_READERS.contains(&name.as_str()))
            .collect()
    };
    for name in names(old) {
        if !new.has_attribute(&name) {
            let _ = old.remove_attribute(&name);
        }
    }
    for name in names(new) {
        let value = new.get_attribute(&name).unwrap_or_default();
        if old.get_attribute(&name).as_deref() != Some(value.as_str()) {
            let _ = old.set_attribute(&name, &value);
        }
    }
}

fn children(element: &Element) -> Vec<Node> {
    let nodes = element.child_nodes();
    (0..nodes.length())
        .filter_map(|index| nodes.item(index))
        .collect()
}

fn same_kind(old: &Node, new: &Node) -> bool {
    old.node_type() == new.node_type() && old.node_name() == new.node_name()
}

fn adopted(node: &Node) -> Node {
    document()
        .import_node_with_deep(node, true)
        .unwrap_or_else(|_| node.clone())
}
