/* A Word document (.docx) written in the browser, for the policy builder's
 * "Download as Word".  Plain JavaScript, no libraries, no network.
 *
 * window.policyDocx(paragraphs, {title, language}) returns a Blob.  Each
 * paragraph is {style, runs}: style is "Title", "Heading1", "Heading2" or
 * "Normal"; each run is {text, bold, italic, highlight}, a highlighted run
 * marked yellow (the words the reader still has to fill in).
 *
 * A .docx is a ZIP of XML parts (ECMA-376, Office Open XML).  The parts are
 * stored uncompressed, which ZIP allows and Word reads: no compressor needed,
 * only each part's CRC-32. */
(() => {
  "use strict";

  const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
  const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
  const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

  // -- XML parts --------------------------------------------------------------

  // Characters XML 1.0 cannot hold at all are dropped; the five with a
  // meaning in markup are escaped.
  const escapeXml = (text) => String(text)
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
    .replace(/[&<>"']/g, (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "apos" }[c]};`);

  const run = ({ text, bold, italic, highlight }) => {
    const properties = (bold ? "<w:b/>" : "") + (italic ? "<w:i/>" : "") +
      (highlight ? '<w:highlight w:val="yellow"/>' : "");
    return `<w:r>${properties ? `<w:rPr>${properties}</w:rPr>` : ""}` +
      `<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`;
  };

  const paragraph = ({ style, runs }) =>
    `<w:p><w:pPr><w:pStyle w:val="${style}"/></w:pPr>${runs.map(run).join("")}</w:p>`;

  // A4 with 2.54 cm margins (in twentieths of a point), as New Zealand prints.
  const documentXml = (paragraphs) => `${HEAD}<w:document xmlns:w="${W}"><w:body>` +
    paragraphs.map(paragraph).join("") +
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>' +
    '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" ' +
    'w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>';

  // Word's built-in style ids and names, so that its navigation pane and
  // table of contents, and screen readers, know the headings.
  const headingStyle = (id, name, level, size) =>
    `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/>` +
    '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>' +
    `<w:pPr><w:keepNext/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="${level}"/>` +
    `</w:pPr><w:rPr><w:b/><w:sz w:val="${size}"/></w:rPr></w:style>`;

  const stylesXml = (language) => `${HEAD}<w:styles xmlns:w="${W}">` +
    '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" ' +
    'w:cs="Calibri"/><w:sz w:val="22"/><w:szCs w:val="22"/>' +
    `<w:lang w:val="${escapeXml(language)}"/></w:rPr></w:rPrDefault>` +
    '<w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="264" w:lineRule="auto"/></w:pPr>' +
    "</w:pPrDefault></w:docDefaults>" +
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>' +
    "<w:qFormat/></w:style>" +
    '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/>' +
    '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="10"/><w:qFormat/>' +
    '<w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:sz w:val="48"/></w:rPr></w:style>' +
    headingStyle("Heading1", "heading 1", 0, 32) +
    headingStyle("Heading2", "heading 2", 1, 26) +
    "</w:styles>";

  const coreXml = (title, language) => `${HEAD}<cp:coreProperties ` +
    'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/">' +
    `<dc:title>${escapeXml(title)}</dc:title><dc:language>${escapeXml(language)}</dc:language>` +
    "</cp:coreProperties>";

  const MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml";
  const contentTypesXml = `${HEAD}<Types ` +
    'xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/word/document.xml" ContentType="${MAIN}.document.main+xml"/>` +
    `<Override PartName="/word/styles.xml" ContentType="${MAIN}.styles+xml"/>` +
    '<Override PartName="/docProps/core.xml" ' +
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>';

  const relationships = (targets) => `${HEAD}<Relationships xmlns="${PACKAGE_REL}">` +
    targets.map(([type, target], i) =>
      `<Relationship Id="rId${i + 1}" Type="${type}" Target="${target}"/>`).join("") +
    "</Relationships>";

  // -- ZIP, stored --------------------------------------------------------------

  const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (bytes) => {
    let c = 0xFFFFFFFF;
    for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xFF] ^ (c >>> 8);
    return (c ^ 0xFFFFFFFF) >>> 0;
  };

  // Little-endian fields: [[value, size in bytes], ...].
  const fields = (list) => {
    const bytes = new Uint8Array(list.reduce((sum, [, size]) => sum + size, 0));
    const view = new DataView(bytes.buffer);
    let at = 0;
    for (const [value, size] of list) {
      if (size === 4) view.setUint32(at, value, true);
      else view.setUint16(at, value, true);
      at += size;
    }
    return bytes;
  };

  // Every entry dated 1 January 1980, the earliest date ZIP can hold: the
  // bytes depend only on the draft.  Flag bit 11: names are UTF-8.
  const DOS_DATE = (0 << 9) | (1 << 5) | 1;
  const zip = (files) => {
    const encoder = new TextEncoder();
    const chunks = [];
    const central = [];
    let offset = 0;
    for (const [name, text] of files) {
      const nameBytes = encoder.encode(name);
      const data = encoder.encode(text);
      const crc = crc32(data);
      const common = [[20, 2], [0x0800, 2], [0, 2], [0, 2], [DOS_DATE, 2], [crc, 4],
        [data.length, 4], [data.length, 4], [nameBytes.length, 2], [0, 2]];
      const local = fields([[0x04034b50, 4], ...common]);
      chunks.push(local, nameBytes, data);
      central.push(fields([[0x02014b50, 4], [20, 2], ...common, [0, 2], [0, 2], [0, 2],
        [0, 4], [offset, 4]]), nameBytes);
      offset += local.length + nameBytes.length + data.length;
    }
    const centralSize = central.reduce((sum, chunk) => sum + chunk.length, 0);
    const end = fields([[0x06054b50, 4], [0, 2], [0, 2], [files.length, 2], [files.length, 2],
      [centralSize, 4], [offset, 4], [0, 2]]);
    return [...chunks, ...central, end];
  };

  window.policyDocx = (paragraphs, { title, language }) => new Blob(zip([
    ["[Content_Types].xml", contentTypesXml],
    ["_rels/.rels", relationships([
      [`${REL}/officeDocument`, "word/document.xml"],
      [`${PACKAGE_REL}/metadata/core-properties`, "docProps/core.xml"],
    ])],
    ["docProps/core.xml", coreXml(title, language)],
    ["word/_rels/document.xml.rels", relationships([[`${REL}/styles`, "styles.xml"]])],
    ["word/document.xml", documentXml(paragraphs)],
    ["word/styles.xml", stylesXml(language)],
  ]), { type: `${MAIN}.document` });
})();
