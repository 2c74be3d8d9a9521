<?xml version="1.0" encoding="UTF-8"?>
<!-- request-letter.xsl: the 补充资料 request a clerk sends back to the
     applicant, as plain text (zizhi-report's letter format), from the
     same enriched report.xml as report-html.xsl (request/@title is the
     requested document type's title in config/documents.xml).

     It lists the documents to supply and the rules that are missing
     something. A case with nothing to ask for gives no text at all, so a
     cron job that mails the output stays silent.

     The deadline sentence is this office's to set: change the parameter
     below (it names no regulation on purpose). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:output method="text" encoding="UTF-8"/>

<xsl:param name="deadline"
  select="'请在收到本通知后尽快补充提交上述材料；补充材料期间不计入审查时限。'"/>

<xsl:variable name="org" select="/case/field[@name='org.name'][@value != '']/@value"/>

<xsl:template match="/case">
  <xsl:if test="request or rule[@result = 'missing']">
    <xsl:text>关于补充申请材料的通知&#10;&#10;</xsl:text>
    <xsl:choose>
      <xsl:when test="$org"><xsl:value-of select="$org"/></xsl:when>
      <xsl:otherwise>申请单位</xsl:otherwise>
    </xsl:choose>
    <xsl:text>：&#10;&#10;</xsl:text>
    <xsl:text>    贵单位提交的信息安全服务资质（安全运营类二级）申请材料已收悉（案件编号：</xsl:text>
    <xsl:value-of select="@id"/>
    <xsl:text>）。经审查，截至</xsl:text>
    <xsl:call-template name="date"><xsl:with-param name="d" select="@as-of"/></xsl:call-template>
    <xsl:text>，申请材料尚不完整。</xsl:text>
    <xsl:if test="request">
      <xsl:text>请补充提交以下材料：&#10;&#10;</xsl:text>
      <xsl:for-each select="request">
        <xsl:text>    </xsl:text>
        <xsl:value-of select="position()"/>
        <xsl:text>. </xsl:text>
        <xsl:choose>
          <xsl:when test="@title"><xsl:value-of select="@title"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="@document-type"/></xsl:otherwise>
        </xsl:choose>
        <xsl:text>&#10;</xsl:text>
      </xsl:for-each>
    </xsl:if>
    <xsl:text>&#10;</xsl:text>
    <xsl:if test="rule[@result = 'missing']">
      <xsl:text>    因缺少材料暂无法认定的审查条款：&#10;&#10;</xsl:text>
      <xsl:for-each select="rule[@result = 'missing']">
        <xsl:text>    </xsl:text>
        <xsl:value-of select="@id"/>
        <xsl:if test="@title">
          <xsl:text> </xsl:text>
          <xsl:value-of select="@title"/>
        </xsl:if>
        <xsl:text>：</xsl:text>
        <xsl:value-of select="normalize-space(.)"/>
        <xsl:text>&#10;</xsl:text>
      </xsl:for-each>
      <xsl:text>&#10;</xsl:text>
    </xsl:if>
    <xsl:text>    </xsl:text>
    <xsl:value-of select="$deadline"/>
    <xsl:text>&#10;&#10;    特此通知。&#10;&#10;</xsl:text>
    <xsl:text>案件编号：</xsl:text>
    <xsl:value-of select="@id"/>
    <xsl:text>&#10;审查基准日：</xsl:text>
    <xsl:call-template name="date"><xsl:with-param name="d" select="@as-of"/></xsl:call-template>
    <xsl:text>&#10;</xsl:text>
  </xsl:if>
</xsl:template>

<!-- 2026-10-01 as 2026年10月1日 -->
<xsl:template name="date">
  <xsl:param name="d"/>
  <xsl:value-of select="substring($d, 1, 4)"/>
  <xsl:text>年</xsl:text>
  <xsl:value-of select="number(substring($d, 6, 2))"/>
  <xsl:text>月</xsl:text>
  <xsl:value-of select="number(substring($d, 9, 2))"/>
  <xsl:text>日</xsl:text>
</xsl:template>

</xsl:stylesheet>
