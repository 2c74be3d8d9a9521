<?xml version="1.0" encoding="UTF-8"?>
<!-- report-html.xsl: a case's report.xml as one self-contained HTML page
     for the expert panel (zizhi-report's html format). Change wording and
     layout here; no rebuild is needed.

     zizhi-report gives the stylesheet report.xml (config/schema/report.rng)
     with these additions, which XSLT could not find by itself:
       document/@title      the type's title in config/documents.xml
       document/@kind       pdf, image, docx, xlsx, text (read/read.xml)
       document/page        one per page read: @n, @method (ocr,
                            text-layer, none), and @thumb (a data: URI of a
                            small JPEG) or @no-thumb (limit, unreadable)
       field/@crop-src      the evidence crop as a data: URI, or
       field/@crop-missing  why there is none (the crop named is missing)
       request/@title       the requested type's title
       case/@thumbs-omitted, @thumbs-limit  pages beyond the limit
     Everything the page shows goes through xsl:value-of or an attribute
     value template, so the case's text is escaped; images are data: URIs
     only, so the page references nothing outside itself. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:output method="html" encoding="UTF-8" indent="no"
            doctype-system="about:legacy-compat"/>

<xsl:key name="field" match="/case/field" use="@name"/>
<xsl:key name="doc" match="/case/document" use="@id"/>

<xsl:variable name="org" select="/case/field[@name='org.name'][@value != '']/@value"/>

<xsl:template match="/case">
<html lang="zh-CN">
<head>
<!-- the html output method puts the meta of the charset (UTF-8) here -->
<title>资质审查报告 <xsl:value-of select="@id"/>
  <xsl:if test="$org"> · <xsl:value-of select="$org"/></xsl:if></title>
<style>
body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif;
       margin: 0 auto; padding: 16px 24px; max-width: 1150px; color: #1f2328; font-size: 14px;
       line-height: 1.45; background: #fff; }
h1 { font-size: 22px; margin: 4px 0 8px; }
h2 { font-size: 17px; border-bottom: 2px solid #d0d7de; padding-bottom: 3px; margin: 26px 0 10px; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #d0d7de; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; white-space: nowrap; }
code, .mono { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 12px; }
.head { display: flex; gap: 24px; align-items: flex-start; }
.head .who { flex: 1; }
.meta { width: auto; }
.meta td, .meta th { border: none; background: none; padding: 1px 14px 1px 0; }
.verdict { min-width: 190px; text-align: center; color: #fff; border-radius: 8px; padding: 12px 16px;
           font-size: 26px; font-weight: 700; }
.verdict small { display: block; font-size: 13px; font-weight: 400; opacity: .9; }
.v-eligible { background: #1a7f37; } .v-ineligible { background: #cf222e; }
.v-incomplete { background: #bc4c00; } .v-review { background: #9a6700; }
.counts span { margin-right: 14px; }
.attn td { border-left: none; border-right: none; }
.attn td.b { width: 1%; white-space: nowrap; }
a { color: #0969da; text-decoration: none; }
.badge { display: inline-block; min-width: 52px; text-align: center; border-radius: 10px; padding: 0 8px;
         color: #fff; font-size: 12px; font-weight: 600; }
.r-pass { background: #1a7f37; } .r-fail { background: #cf222e; }
.r-missing { background: #bc4c00; } .r-review { background: #9a6700; }
.rule { border: 1px solid #d0d7de; border-left: 6px solid #8c959f; border-radius: 4px; margin: 10px 0;
        page-break-inside: avoid; }
.rule.k-pass { border-left-color: #1a7f37; } .rule.k-fail { border-left-color: #cf222e; }
.rule.k-missing { border-left-color: #bc4c00; } .rule.k-review { border-left-color: #9a6700; }
.rule-head { padding: 6px 10px; background: #f6f8fa; }
.rule-head code { font-weight: 600; margin: 0 8px; }
.rule table { border: none; table-layout: fixed; }
.rule col.c-name { width: 200px; } .rule col.c-val { width: 170px; } .rule col.c-raw { width: 170px; }
.rule col.c-conf { width: 56px; } .rule col.c-status { width: 150px; }
.rule td { overflow-wrap: anywhere; }
.rule td, .rule th { border-left: none; border-right: none; font-size: 13px; }
.ev td.val { font-weight: 600; }
tr.input td { background: #fbfbfc; }
tr.input td.name { padding-left: 22px; }
.note { color: #57606a; font-size: 12px; font-weight: 400; }
.doubt { color: #9a6700; font-weight: 600; } .bad { color: #cf222e; font-weight: 600; }
img.crop { display: block; max-width: 100%; max-height: 90px; border: 1px solid #d0d7de; background: #fff; }
.nocrop, .where { color: #57606a; font-size: 12px; }
.nocrop { font-style: italic; }
.ask li { font-size: 15px; margin: 3px 0; }
.docs td.path { word-break: break-all; font-size: 12px; }
.doc { display: inline-block; vertical-align: top; margin: 8px 20px 8px 0; page-break-inside: avoid; }
.doc-h { font-weight: 600; margin-bottom: 4px; }
.doc-h .path { font-weight: 400; color: #57606a; font-size: 12px; margin-left: 8px; }
.thumbs { display: flex; flex-wrap: wrap; gap: 8px; }
.thumb { width: 150px; font-size: 11px; color: #57606a; text-align: center; }
.thumb img { width: 150px; border: 1px solid #8c959f; display: block; }
.ph { width: 148px; height: 110px; border: 1px dashed #8c959f; display: flex; align-items: center;
      justify-content: center; flex-direction: column; background: #f6f8fa; color: #57606a; }
.ph b { font-size: 18px; color: #424a53; }
.foot { margin-top: 30px; color: #8c959f; font-size: 12px; }
</style>
</head>
<body>
<div class="head">
  <div class="who">
    <div class="note">信息安全服务资质（安全运营类二级）申请 · 审查报告</div>
    <h1><xsl:choose>
      <xsl:when test="$org"><xsl:value-of select="$org"/></xsl:when>
      <xsl:otherwise>申请单位名称未能读取</xsl:otherwise>
    </xsl:choose></h1>
    <table class="meta">
      <tr><th>案件编号</th><td class="mono"><xsl:value-of select="@id"/></td></tr>
      <tr><th>审查基准日</th><td><xsl:value-of select="@as-of"/></td></tr>
      <tr><th>适用规则</th><td id="rules">
        <xsl:choose>
          <xsl:when test="@rules"><xsl:value-of select="@rules-title"/>（<xsl:value-of select="@rules"/>）</xsl:when>
          <xsl:otherwise>未能确定（见下方规则“适用的资质规则”）</xsl:otherwise>
        </xsl:choose>
      </td></tr>
      <tr><th>材料</th><td><xsl:value-of select="count(document)"/> 份文件，
        <xsl:value-of select="count(document/page)"/> 页</td></tr>
    </table>
    <p class="counts">
      <span>通过 <b><xsl:value-of select="count(rule[@result='pass'])"/></b></span>
      <span>不通过 <b><xsl:value-of select="count(rule[@result='fail'])"/></b></span>
      <span>缺材料 <b><xsl:value-of select="count(rule[@result='missing'])"/></b></span>
      <span>待复核 <b><xsl:value-of select="count(rule[@result='review'])"/></b></span>
    </p>
  </div>
  <div class="verdict v-{@verdict}">
    <xsl:apply-templates select="@verdict" mode="label"/>
    <small><xsl:value-of select="@verdict"/></small>
  </div>
</div>

<xsl:if test="rule[@result != 'pass']">
  <h2>需关注的条款</h2>
  <table class="attn">
    <xsl:for-each select="rule[@result != 'pass']">
      <tr>
        <td class="b"><span class="badge r-{@result}"><xsl:apply-templates select="@result" mode="label"/></span></td>
        <td class="b"><a href="#r-{@id}"><code><xsl:value-of select="@id"/></code></a></td>
        <td><xsl:value-of select="normalize-space(.)"/></td>
      </tr>
    </xsl:for-each>
  </table>
</xsl:if>

<xsl:if test="request">
  <h2>需补充的材料</h2>
  <ol class="ask">
    <xsl:for-each select="request">
      <li><xsl:call-template name="type-title"/>
        <span class="note"> (<xsl:value-of select="@document-type"/>)</span></li>
    </xsl:for-each>
  </ol>
</xsl:if>

<h2>审查条款</h2>
<xsl:apply-templates select="rule"/>

<h2>材料清单</h2>
<table class="docs">
  <tr><th>编号</th><th>类型</th><th>文件</th><th>页数</th><th>SHA-256</th></tr>
  <xsl:for-each select="document">
    <tr>
      <td class="mono"><xsl:value-of select="@id"/></td>
      <td><xsl:call-template name="type-title"/></td>
      <td class="path"><xsl:value-of select="@path"/></td>
      <td><xsl:value-of select="@pages"/></td>
      <td class="mono" title="{@sha256}"><xsl:value-of select="substring(@sha256, 1, 12)"/></td>
    </tr>
  </xsl:for-each>
</table>

<h2>页面缩略图</h2>
<xsl:if test="@thumbs-omitted">
  <p class="note">只显示前 <xsl:value-of select="@thumbs-limit"/> 页的缩略图；另有
    <xsl:value-of select="@thumbs-omitted"/> 页未显示。</p>
</xsl:if>
<xsl:apply-templates select="document" mode="thumbs"/>

<p class="foot">由 zizhi <xsl:value-of select="@zizhi-version"/> 根据 report.xml 生成。
  字段值为机器读取结果，以原件为准。</p>
</body>
</html>
</xsl:template>

<xsl:template match="@verdict" mode="label">
  <xsl:choose>
    <xsl:when test=". = 'eligible'">符合条件</xsl:when>
    <xsl:when test=". = 'ineligible'">不符合条件</xsl:when>
    <xsl:when test=". = 'incomplete'">材料不全</xsl:when>
    <xsl:when test=". = 'review'">需人工复核</xsl:when>
    <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<xsl:template match="@result" mode="label">
  <xsl:choose>
    <xsl:when test=". = 'pass'">通过</xsl:when>
    <xsl:when test=". = 'fail'">不通过</xsl:when>
    <xsl:when test=". = 'missing'">缺材料</xsl:when>
    <xsl:when test=". = 'review'">待复核</xsl:when>
    <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- the title of a document's or a request's type, else its id -->
<xsl:template name="type-title">
  <xsl:choose>
    <xsl:when test="@title"><xsl:value-of select="@title"/></xsl:when>
    <xsl:when test="@type"><xsl:value-of select="@type"/></xsl:when>
    <xsl:otherwise><xsl:value-of select="@document-type"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<xsl:template match="rule">
  <div class="rule k-{@result}" id="r-{@id}">
    <div class="rule-head">
      <span class="badge r-{@result}"><xsl:apply-templates select="@result" mode="label"/></span>
      <code><xsl:value-of select="@id"/></code>
      <xsl:if test="@title and normalize-space(.) != @title">
        <b><xsl:value-of select="@title"/></b><xsl:text>：</xsl:text>
      </xsl:if>
      <xsl:value-of select="normalize-space(.)"/>
    </div>
    <xsl:if test="evidence">
      <table class="ev">
        <col class="c-name"/><col class="c-val"/><col class="c-raw"/><col class="c-conf"/>
        <col class="c-status"/><col class="c-ev"/>
        <tr><th>字段</th><th>值</th><th>原文</th><th>置信度</th><th>状态</th><th>证据</th></tr>
        <xsl:for-each select="evidence">
          <xsl:call-template name="field-row">
            <xsl:with-param name="name" select="@field"/>
            <xsl:with-param name="inputs" select="true()"/>
          </xsl:call-template>
        </xsl:for-each>
      </table>
    </xsl:if>
  </div>
</xsl:template>

<!-- one field beside its rule; a derived one is followed by the fields it
     was computed from (one level: inputs are read fields) -->
<xsl:template name="field-row">
  <xsl:param name="name"/>
  <xsl:param name="inputs" select="false()"/>
  <xsl:variable name="f" select="key('field', $name)[1]"/>
  <tr>
    <xsl:if test="not($inputs)"><xsl:attribute name="class">input</xsl:attribute></xsl:if>
    <td class="name mono"><xsl:value-of select="$name"/></td>
    <xsl:choose>
      <xsl:when test="not($f)">
        <td colspan="5" class="bad">未取得（材料中没有读到此字段）</td>
      </xsl:when>
      <xsl:otherwise>
        <td class="val"><xsl:choose>
          <xsl:when test="$f/@value != ''"><xsl:value-of select="$f/@value"/></xsl:when>
          <xsl:otherwise><span class="bad">（空）</span></xsl:otherwise>
        </xsl:choose></td>
        <td><xsl:value-of select="$f/@raw"/>
          <xsl:if test="$f/@sure"><span class="note">确定部分 <xsl:value-of select="$f/@sure"/></span></xsl:if></td>
        <td>
          <xsl:if test="$f/@confidence &lt; 0.8"><xsl:attribute name="class">doubt</xsl:attribute></xsl:if>
          <xsl:value-of select="$f/@confidence"/></td>
        <td>
          <xsl:if test="$f/@status != 'ok' and $f/@status != 'confirmed' and $f/@status != 'derived'">
            <xsl:attribute name="class">doubt</xsl:attribute></xsl:if>
          <xsl:value-of select="$f/@status"/>
          <xsl:if test="$f/@note"><div class="note"><xsl:value-of select="$f/@note"/></div></xsl:if>
        </td>
        <td><xsl:apply-templates select="$f" mode="evidence"/></td>
      </xsl:otherwise>
    </xsl:choose>
  </tr>
  <xsl:if test="$inputs and $f/@from">
    <xsl:call-template name="inputs">
      <xsl:with-param name="list" select="normalize-space($f/@from)"/>
    </xsl:call-template>
  </xsl:if>
</xsl:template>

<xsl:template name="inputs">
  <xsl:param name="list"/>
  <xsl:if test="$list != ''">
    <xsl:call-template name="field-row">
      <xsl:with-param name="name" select="substring-before(concat($list, ' '), ' ')"/>
    </xsl:call-template>
    <xsl:call-template name="inputs">
      <xsl:with-param name="list" select="substring-after($list, ' ')"/>
    </xsl:call-template>
  </xsl:if>
</xsl:template>

<!-- where a field was read: its crop, its cell, or what it was computed from -->
<xsl:template match="field" mode="evidence">
  <xsl:variable name="d" select="key('doc', @document)"/>
  <xsl:choose>
    <xsl:when test="@crop-src">
      <img class="crop" src="{@crop-src}" alt="{@name}"/>
    </xsl:when>
    <xsl:when test="@crop">
      <span class="nocrop">no crop · 截图缺失</span>
      <span class="note"> (<xsl:value-of select="@crop-missing"/>)</span>
    </xsl:when>
    <xsl:when test="@cell">
      <span class="where">单元格 <code><xsl:value-of select="@cell"/></code></span>
    </xsl:when>
    <xsl:when test="@from">
      <span class="where">由 <xsl:value-of select="string-length(normalize-space(@from))
        - string-length(translate(normalize-space(@from), ' ', '')) + number(normalize-space(@from) != '')"/>
        个字段计算</span>
    </xsl:when>
    <xsl:when test="@box">
      <span class="where">页面位置 <code><xsl:value-of select="@box"/></code>（未截图）</span>
    </xsl:when>
  </xsl:choose>
  <xsl:if test="@document">
    <div class="where"><xsl:value-of select="@document"/>
      <xsl:if test="$d"><xsl:text> </xsl:text>
        <xsl:for-each select="$d"><xsl:call-template name="type-title"/></xsl:for-each></xsl:if>
      <xsl:if test="@page"> · 第 <xsl:value-of select="@page"/> 页</xsl:if></div>
  </xsl:if>
</xsl:template>

<xsl:template match="document" mode="thumbs">
  <div class="doc">
    <div class="doc-h"><span class="mono"><xsl:value-of select="@id"/></span>
      <xsl:text> </xsl:text><xsl:call-template name="type-title"/>
      <span class="path"><xsl:value-of select="@path"/></span></div>
    <div class="thumbs">
      <xsl:choose>
        <xsl:when test="page">
          <xsl:for-each select="page[not(@no-thumb = 'limit')]">
            <div class="thumb">
              <xsl:choose>
                <xsl:when test="@thumb"><img src="{@thumb}" alt="第 {@n} 页"/></xsl:when>
                <xsl:otherwise><div class="ph"><b>无图像</b>页面无法读取</div></xsl:otherwise>
              </xsl:choose>
              第 <xsl:value-of select="@n"/> 页 · <xsl:apply-templates select="@method" mode="label"/>
            </div>
          </xsl:for-each>
          <xsl:if test="page[@no-thumb = 'limit']">
            <div class="thumb"><div class="ph"><b>…</b>另 <xsl:value-of
              select="count(page[@no-thumb = 'limit'])"/> 页未显示</div></div>
          </xsl:if>
        </xsl:when>
        <xsl:otherwise>
          <div class="thumb"><div class="ph">
            <xsl:choose>
              <xsl:when test="@kind = 'docx'"><b>DOCX</b>Word 文档，无页面图像</xsl:when>
              <xsl:when test="@kind = 'xlsx'"><b>XLSX</b>Excel 表格，无页面图像</xsl:when>
              <xsl:when test="@kind"><b><xsl:value-of select="translate(@kind,
                'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')"/></b>无页面图像</xsl:when>
              <xsl:otherwise><b>?</b>未读取</xsl:otherwise>
            </xsl:choose>
          </div></div>
        </xsl:otherwise>
      </xsl:choose>
    </div>
  </div>
</xsl:template>

<xsl:template match="@method" mode="label">
  <xsl:choose>
    <xsl:when test=". = 'ocr'">扫描件 OCR</xsl:when>
    <xsl:when test=". = 'text-layer'">PDF 文字层</xsl:when>
    <xsl:otherwise>未读取</xsl:otherwise>
  </xsl:choose>
</xsl:template>

</xsl:stylesheet>
