//! Several finished PDFs as one, their pages in order (a batch: one document per agency). Each
//! part keeps its own fonts and images; its catalog and page tree give way to the first part's.

use lopdf::{Document as Pdf, Object, ObjectId};

/// The parts' pages, one after another, in one PDF; the page count of each part, in order.
/// Fails with lopdf's words when a part is not a PDF this engine wrote (the caller says it in Persian).
pub fn concatenate(parts: &[Vec<u8>]) -> Result<(Vec<u8>, Vec<u32>), String> {
    let mut parts = parts.iter();
    let first = parts.next().ok_or("no parts")?;
    let mut merged = Pdf::load_mem(first).map_err(|e| e.to_string())?;
    let tree = page_tree(&merged)?;
    let mut kids: Vec<Object> = merged.page_iter().map(Object::Reference).collect();
    let mut counts = vec![kids.len() as u32];
    for bytes in parts {
        let mut part = Pdf::load_mem(bytes).map_err(|e| e.to_string())?;
        part.renumber_objects_with(merged.max_id + 1);
        let pages: Vec<ObjectId> = part.page_iter().collect();
        let skipped =
            [page_tree(&part)?, part.trailer.get(b"Root").and_then(Object::as_reference).map_err(|e| e.to_string())?];
        for (id, mut object) in std::mem::take(&mut part.objects) {
            if skipped.contains(&id) {
                continue;
            }
            if pages.contains(&id) {
                if let Object::Dictionary(page) = &mut object {
                    page.set("Parent", tree);
                }
            }
            merged.objects.insert(id, object);
        }
        merged.max_id = merged.max_id.max(part.max_id);
        counts.push(pages.len() as u32);
        kids.extend(pages.into_iter().map(Object::Reference));
    }
    let total: u32 = counts.iter().sum();
    let tree_dict = merged.get_object_mut(tree).and_then(Object::as_dict_mut).map_err(|e| e.to_string())?;
    tree_dict.set("Kids", kids);
    tree_dict.set("Count", total);
    let mut out = Vec::new();
    merged.save_to(&mut out).map_err(|e| e.to_string())?;
    Ok((out, counts))
}

/// The id of the document's root page tree.
fn page_tree(pdf: &Pdf) -> Result<ObjectId, String> {
    pdf.catalog().and_then(|c| c.get(b"Pages")).and_then(Object::as_reference).map_err(|e| e.to_string())
}
